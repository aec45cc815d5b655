using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace SecureApi.PackageTests;

/// <summary>One package is all a consumer adds: the runtime under lib/, the generator under analyzers/.</summary>
public sealed partial class PackageConsumerTests : IDisposable
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(1);
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("secureapi-package-");

    [Fact]
    public async Task PackedPackageBuildsAndServesAFreshConsumerProject()
    {
        var repository = FindRepositoryRoot();
        var feed = Path.Combine(_root.FullName, "feed");
        var version = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}"; // unique, so no stale copy comes from the package cache
        await ProcessRunner.RunAsync("dotnet", $"pack \"{Path.Combine(repository, "src", "Runtime", "SecureApi.csproj")}\" -c Release -o \"{feed}\" -p:Version={version}", repository, BuildTimeout);

        var package = Path.Combine(feed, $"SecureApi.{version}.nupkg");
        using (var archive = ZipFile.OpenRead(package))
        {
            var entries = archive.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("lib/net10.0/SecureApi.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/SecureApi.Generators.dll", entries);
            Assert.Contains("build/SecureApi.targets", entries); // the security inventory beside the build output, on request
            Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.EndsWith("SecureApi.Generators.dll", StringComparison.Ordinal));
        }

        var consumer = Path.Combine(_root.FullName, "consumer");
        WriteConsumer(consumer, feed, version);
        await ProcessRunner.RunAsync("dotnet", "build -c Release", consumer, BuildTimeout);

        // Port 0: Kestrel picks a free port itself and logs it, so no other process can take it between probe and bind.
        // Development: plain HTTP on loopback, and no production secrets (cursor key, engine) to provide.
        using var service = ProcessRunner.Start("dotnet", "bin/Release/net10.0/Consumer.dll --environment Development --urls http://127.0.0.1:0", consumer, out var log);
        try
        {
            using var client = new HttpClient { BaseAddress = await ServiceOutput.WaitUntilListeningAsync(service, log, StartTimeout, "consumer") };
            var hello = await client.GetAsync("/hello");
            Assert.Equal(HttpStatusCode.OK, hello.StatusCode);
            Assert.Equal("""{"message":"hello from a package consumer"}""", await hello.Content.ReadAsStringAsync());

            var unknownMember = await client.PostAsync("/echo", new StringContent("""{"text":"hi","extra":1}""", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, unknownMember.StatusCode);
            Assert.Contains("extra", await unknownMember.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/notes")).StatusCode);

            // The README's quick start, through the packed generator: a resource, its scoped store and generated CRUD.
            client.DefaultRequestHeaders.Add("X-Api-Key", "consumer-key");
            var created = await client.PostAsync("/notes", new StringContent("""{"title":"from the package"}""", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
            var title = await client.GetAsync(created.Headers.Location + "/title");
            Assert.Equal("\"from the package\"", await title.Content.ReadAsStringAsync());
        }
        finally
        {
            service.Kill(entireProcessTree: true);
        }
    }

    public void Dispose() => _root.Delete(recursive: true);

    private static void WriteConsumer(string directory, string feed, string version)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <IsAotCompatible>true</IsAotCompatible>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="SecureApi" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        var keyHash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("consumer-key")));
        File.WriteAllText(Path.Combine(directory, "appsettings.json"), $$"""
            { "SecureApi": { "Authentication": { "ApiKeys": { "Static": [ { "Subject": "consumer", "Sha256": "{{keyHash}}" } ] } } } }
            """);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), """
            using System.ComponentModel.DataAnnotations;
            using Microsoft.AspNetCore.Authorization;
            using SecureApi;
            using SecureApi.Data;

            var builder = WebApplication.CreateSlimBuilder(args);
            builder.Services.AddSecureApi(builder.Configuration);
            var app = builder.Build();
            app.UseSecureApi();
            app.MapSecureApi();
            app.Run();

            public sealed record Greeting(string Message);
            public sealed record Echo([MaxLength(100)] string Text);

            [Endpoints(""), AllowAnonymous]
            public sealed partial class PublicApi
            {
                [Get("/hello")] public Greeting Hello() => new("hello from a package consumer");
                [Post("/echo")] public Echo Echo(Echo body) => body;
            }

            // README quick start, verbatim.
            [Resource("notes")]
            public sealed record Note
            {
                [Key] public Guid Id { get; init; }
                [Owner] public string OwnerId { get; init; } = "";
                [MaxLength(200)] public required string Title { get; init; }
                [ConcurrencyCheck] public long Version { get; init; }
            }

            public sealed record NewNote([Required, MaxLength(200)] string Title);

            [Endpoints("/notes"), RateLimit("per-user")]
            public sealed partial class NotesApi(NoteStore notes)
            {
                [Get("/{id}")]  public partial Task<Note?> Get(Guid id);
                [Get("")]       public partial Task<Page<Note>> List(PageRequest page);
                [Post("")]      public partial Task<Note> Create(NewNote body);

                [Get("/{id}/title")]
                public async Task<string?> Title(Guid id, Caller caller, CancellationToken ct) =>
                    (await notes.FindAsync(caller, id, ct))?.Title;
            }
            """);
    }



    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SecureApi.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("SecureApi.sln not found above " + AppContext.BaseDirectory);
    }
}

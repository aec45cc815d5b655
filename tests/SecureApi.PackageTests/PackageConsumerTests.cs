using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace SecureApi.PackageTests;

/// <summary>One package is all a consumer adds: a fresh project builds against it and serves.</summary>
[Collection(SharedPackedPackage.Name)]
public sealed class PackageConsumerTests(PackedPackage package)
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task PackedPackageBuildsAndServesAFreshConsumerProject()
    {
        var consumer = WriteConsumer(package);
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

    private static string WriteConsumer(PackedPackage package)
    {
        var directory = ConsumerProject.Write(package, "consumer", Program);
        var keyHash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("consumer-key")));
        File.WriteAllText(Path.Combine(directory, "appsettings.json"), $$"""
            { "SecureApi": { "Authentication": { "ApiKeys": { "Static": [ { "Subject": "consumer", "Sha256": "{{keyHash}}" } ] } } } }
            """);
        return directory;
    }

    private const string Program = """
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
            """;
}

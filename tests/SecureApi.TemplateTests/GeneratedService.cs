using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace SecureApi.TemplateTests;

/// <summary>
/// One service made by <c>dotnet new secureapi</c> with some options, taken through what its README and a new team
/// would do: build with warnings as errors, run its own tests, mint a development token with <c>dotnet user-jwts</c>,
/// start it and call it over HTTP. Each step that fails says which step, with the command's whole output.
/// </summary>
internal sealed partial class GeneratedService(InstalledTemplate template, TemplateOptions options, ITestOutputHelper log)
{
    public const string Name = "Acme.Orders";

    private static readonly TimeSpan NewTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan TestTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(1);

    private readonly string _folder = template.NewFolder(options.Folder);

    private string ProjectFolder => Path.Combine(_folder, "src", Name);

    /// <summary>
    /// Generates, builds, tests, starts and calls the service. <paramref name="postgres"/> is a server the generated tests
    /// may create databases on and <paramref name="database"/> the database the started service uses (PostgreSQL only).
    /// </summary>
    public async Task CheckAsync(string? postgres = null, string? database = null)
    {
        await StepAsync("dotnet new", $"new secureapi -n {Name} -o \"{_folder}\" {options.Arguments} --debug:custom-hive \"{template.Hive}\"", template.Feed.Root, NewTimeout);

        // Warnings are errors (the generated Directory.Build.props says so too): for --aot this includes the AOT analyzers.
        await StepAsync("build", $"build {Name}.slnx -warnaserror", _folder, BuildTimeout);

        var testEnvironment = postgres is null ? null : new Dictionary<string, string> { ["SERVICE_TESTS_POSTGRESQL"] = postgres };
        var testOutput = await StepAsync("its tests", $"test {Name}.slnx --no-build", _folder, TestTimeout, testEnvironment);
        Assert.True(PassedLine().IsMatch(testOutput), $"The generated tests reported no passing run:\n{testOutput}");

        var secretsId = UserSecretsId();
        try
        {
            var token = (await StepAsync("dotnet user-jwts create", $"user-jwts create --project src/{Name} --name developer --scope todos:read --scope todos:write --valid-for 1h --output token", _folder, ToolTimeout)).Trim();
            await CallAsync(token, database);
        }
        finally
        {
            // user-jwts keeps its signing key in the instance's user secrets: this run's, so remove them.
            var secrets = new DirectoryInfo(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".microsoft", "usersecrets", secretsId));
            if (secrets.Exists)
            {
                secrets.Delete(recursive: true);
            }
        }
    }

    /// <summary>Starts the built service in Development, as <c>dotnet run</c> would, and calls it: 401 without a token, 201 and 200 with one.</summary>
    private async Task CallAsync(string token, string? database)
    {
        var watch = Stopwatch.StartNew();
        var environment = new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development" };
        if (database is not null)
        {
            environment["SecureApi__Database__PostgreSql"] = database;
        }

        using var service = ProcessRunner.Start("dotnet", $"bin/Debug/net10.0/{Name}.dll --urls http://127.0.0.1:0", ProjectFolder, out var output, environment);
        try
        {
            using var client = new HttpClient { BaseAddress = await ServiceOutput.WaitUntilListeningAsync(service, output, StartTimeout, $"service generated with {options}") };

            using var anonymous = await client.GetAsync(new Uri("/todos", UriKind.Relative));
            Assert.True(anonymous.StatusCode == HttpStatusCode.Unauthorized, $"GET /todos without a token answered {(int)anonymous.StatusCode}, not 401:\n{output}");

            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var created = await client.PostAsync(new Uri("/todos", UriKind.Relative), new StringContent("""{"title":"From the template tests"}""", Encoding.UTF8, "application/json"));
            Assert.True(created.StatusCode == HttpStatusCode.Created, $"POST /todos with a user-jwts token answered {(int)created.StatusCode}, not 201: {await created.Content.ReadAsStringAsync()}\n{output}");

            using var listed = await client.GetAsync(new Uri("/todos", UriKind.Relative));
            Assert.True(listed.StatusCode == HttpStatusCode.OK, $"GET /todos with a user-jwts token answered {(int)listed.StatusCode}, not 200:\n{output}");
        }
        finally
        {
            service.Kill(entireProcessTree: true);
            log.WriteLine($"{options}: start and call: {watch.Elapsed.TotalSeconds:F0} s");
        }
    }

    private async Task<string> StepAsync(string step, string arguments, string folder, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            return await ProcessRunner.RunAsync("dotnet", arguments, folder, timeout, environment);
        }
        catch (Exception failure) when (failure is InvalidOperationException or TimeoutException)
        {
            throw new InvalidOperationException($"Step '{step}' failed for the service generated with {options}: {failure.Message}", failure);
        }
        finally
        {
            log.WriteLine($"{options}: {step}: {watch.Elapsed.TotalSeconds:F0} s");
        }
    }

    private string UserSecretsId()
    {
        var project = File.ReadAllText(Path.Combine(ProjectFolder, Name + ".csproj"));
        return UserSecretsIdElement().Match(project) is { Success: true } match
            ? match.Groups["id"].Value
            : throw new InvalidOperationException($"The service generated with {options} has no UserSecretsId:\n{project}");
    }

    [GeneratedRegex(@"^Passed!\s+- Failed:\s+0, Passed:\s+[1-9]", RegexOptions.Multiline)]
    private static partial Regex PassedLine();

    [GeneratedRegex("<UserSecretsId>(?<id>[0-9a-f-]{36})</UserSecretsId>")]
    private static partial Regex UserSecretsIdElement();
}

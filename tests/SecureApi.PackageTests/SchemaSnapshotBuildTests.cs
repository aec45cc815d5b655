namespace SecureApi.PackageTests;

/// <summary>
/// The schema snapshot through the packed package: a build opted in with <c>SecureApiSchemaSnapshot</c> writes
/// <c>secureapi.schema.json</c> with the app's <c>schema</c> command, and a CI build refuses a stale one instead of rewriting it.
/// </summary>
[Collection(SharedPackedPackage.Name)]
public sealed class SchemaSnapshotBuildTests(PackedPackage package)
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task LocalBuildWritesTheSnapshotOfTheDeclaredResources()
    {
        var consumer = ConsumerProject.Write(package, "schema-consumer", Program(""), "<SecureApiSchemaSnapshot>true</SecureApiSchemaSnapshot>");

        // Not CI, whatever the environment running the tests says.
        await ProcessRunner.RunAsync("dotnet", "build -c Release", consumer, BuildTimeout, new Dictionary<string, string> { ["CI"] = "false", ["SecureApiSchemaSnapshotCheck"] = "false" });

        Assert.Equal(Version1Snapshot, File.ReadAllText(Path.Combine(consumer, "secureapi.schema.json")).ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task CiBuildFailsOnAStaleSnapshotAndLeavesItAsItWas()
    {
        var consumer = ConsumerProject.Write(package, "stale-schema-consumer", Program("\n    public string? Tag { get; init; }"), "<SecureApiSchemaSnapshot>true</SecureApiSchemaSnapshot>");
        var snapshot = Path.Combine(consumer, "secureapi.schema.json");
        File.WriteAllText(snapshot, Version1Snapshot);

        var (exitCode, output) = await ProcessRunner.RunToExitAsync("dotnet", "build -c Release", consumer, BuildTimeout, new Dictionary<string, string> { ["CI"] = "true" });

        Assert.Equal(
            (1, true, Version1Snapshot),
            (exitCode, output.Contains("error SAPI079: secureapi.schema.json (version 1) is out of date: 'notes.tag' is new; update it to version 2", StringComparison.Ordinal), File.ReadAllText(snapshot)));
    }

    private static string Program(string extraMember) => $$"""
        using System.ComponentModel.DataAnnotations;
        using SecureApi;

        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Services.AddSecureApi(builder.Configuration);
        var app = builder.Build();
        if (await app.RunSecureApiCommandAsync(args))
        {
            return;
        }

        app.UseSecureApi();
        app.MapSecureApi();
        app.Run();

        [Resource("notes")]
        public sealed record Note
        {
            [Key] public Guid Id { get; init; }
            [Owner] public string OwnerId { get; init; } = "";
            [MaxLength(200)] public required string Title { get; init; }{{extraMember}}
        }
        """;

    private const string Version1Snapshot = """
        {
          "about": "The schema of every [Resource], written by SecureApi (dotnet run -- schema --output secureapi.schema.json). Commit it; do not edit it by hand.",
          "version": 1,
          "resources": [
            {
              "resource": "Note",
              "table": "notes",
              "columns": [
                {
                  "name": "id",
                  "member": "Id",
                  "kind": "guid",
                  "nullable": false,
                  "key": true,
                  "encrypted": false,
                  "maxLength": null,
                  "sortable": false,
                  "filterable": false,
                  "retired": false,
                  "renamedFrom": null
                },
                {
                  "name": "owner_id",
                  "member": "OwnerId",
                  "kind": "string",
                  "nullable": false,
                  "key": false,
                  "encrypted": false,
                  "maxLength": null,
                  "sortable": false,
                  "filterable": false,
                  "retired": false,
                  "renamedFrom": null
                },
                {
                  "name": "title",
                  "member": "Title",
                  "kind": "string",
                  "nullable": false,
                  "key": false,
                  "encrypted": false,
                  "maxLength": 200,
                  "sortable": false,
                  "filterable": false,
                  "retired": false,
                  "renamedFrom": null
                }
              ]
            }
          ]
        }

        """;
}

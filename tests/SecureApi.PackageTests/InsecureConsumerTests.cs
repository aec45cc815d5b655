namespace SecureApi.PackageTests;

/// <summary>The packed generator refuses an insecure shape in a user's build, not only in the generator's own tests.</summary>
[Collection(SharedPackedPackage.Name)]
public sealed class InsecureConsumerTests(PackedPackage package)
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task BuildFailsWithSapi011WhenAnEndpointWithoutARoleTakesTheAdminStore()
    {
        var consumer = ConsumerProject.Write(package, "insecure-consumer", Program);

        var (exitCode, output) = await ProcessRunner.RunToExitAsync("dotnet", "build -c Release", consumer, BuildTimeout);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(
            "error SAPI011: 'NotesAdminApi' uses 'NoteAdminStore', which reads every owner's rows, but endpoint 'List' does not require a role; add [RequireRole(\"admin\")] to the class or method",
            output,
            StringComparison.Ordinal);
    }

    // An admin store (every owner's rows) reachable from an endpoint that requires no role.
    private const string Program = """
        using System.ComponentModel.DataAnnotations;
        using SecureApi;
        using SecureApi.Data;

        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Services.AddSecureApi(builder.Configuration);
        var app = builder.Build();
        app.UseSecureApi();
        app.MapSecureApi();
        app.Run();

        [Resource("notes")]
        public sealed record Note
        {
            [Key] public Guid Id { get; init; }
            [Owner] public string OwnerId { get; init; } = "";
            [MaxLength(200)] public required string Title { get; init; }
        }

        [Endpoints("/admin/notes")]
        public sealed partial class NotesAdminApi(NoteAdminStore notes)
        {
            [Get("")]
            public Task<Page<Note>> List(PageRequest page) => notes.ListAsync(page);
        }
        """;
}

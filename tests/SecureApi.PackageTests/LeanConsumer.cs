using System.Collections.Concurrent;
using System.Text;

namespace SecureApi.PackageTests;

/// <summary>
/// A consumer with one owned resource, published trimmed and self-contained for linux-x64 once per
/// <c>SecureApiDatabaseEngines</c> value (the tests of one variant share its publish).
/// </summary>
internal static class LeanConsumer
{
    public const string ApiKey = "lean-consumer-key";

    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(10);
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> s_publishes = new();

    /// <summary>The publish folder of the consumer built with <paramref name="engines"/> (null: the property unset).</summary>
    public static Task<string> PublishAsync(PackedPackage package, string? engines) =>
        s_publishes.GetOrAdd($"{package.Version}|{engines}", _ => new Lazy<Task<string>>(() => RunPublishAsync(package, engines))).Value;

    private static async Task<string> RunPublishAsync(PackedPackage package, string? engines)
    {
        var name = "lean-" + (engines?.Replace(";", "-", StringComparison.Ordinal).ToLowerInvariant() ?? "default");
        var property = engines is null ? "" : $"<SecureApiDatabaseEngines>{engines}</SecureApiDatabaseEngines>";
        var directory = ConsumerProject.Write(package, name, Program, property + "<InvariantGlobalization>true</InvariantGlobalization>");
        var keyHash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(ApiKey)));
        File.WriteAllText(Path.Combine(directory, "appsettings.json"), $$"""
            { "SecureApi": { "Authentication": { "ApiKeys": { "Static": [ { "Subject": "lean", "Sha256": "{{keyHash}}" } ] } } } }
            """);
        var output = Path.Combine(directory, "publish");
        await ProcessRunner.RunAsync("dotnet", $"publish -c Release -r linux-x64 --self-contained -p:PublishTrimmed=true -o \"{output}\"", directory, PublishTimeout);
        return output;
    }

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
            [ConcurrencyCheck] public long Version { get; init; }
        }

        public sealed record NewNote([Required, MaxLength(200)] string Title);

        [Endpoints("/notes"), RateLimit("per-user")]
        public sealed partial class NotesApi
        {
            [Get("/{id}")]  public partial Task<Note?> Get(Guid id);
            [Post("")]      public partial Task<Note> Create(NewNote body);
        }
        """;
}

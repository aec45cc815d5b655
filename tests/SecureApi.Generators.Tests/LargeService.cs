using System.Globalization;
using System.Text;

namespace SecureApi.Generators.Tests;

/// <summary>
/// A service with many resources, in the shape of the generator benchmark's (benchmarks/SecureApi.Benchmarks/Generation):
/// per resource an owned record, its request and summary types and an endpoint class with the five declarative CRUD
/// endpoints and hand-written GETs, one file each; plus <see cref="Unrelated"/>, a class the generator has no interest in.
/// Big enough that a step which re-ran for every class, or an assembly-wide output rebuilt, shows in the run's steps.
/// </summary>
internal static class LargeService
{
    public const string Unrelated = """
        namespace Large.Other;

        public static class Arithmetic
        {
            public static int Twice(int value) => value * 2;
        }
        """;

    /// <summary>The resource files, then <see cref="Unrelated"/> last (so it is <c>SourcePath(resources)</c>).</summary>
    public static string[] Sources(int resources, int handWrittenPerClass) =>
        [.. Enumerable.Range(0, resources).Select(index => Resource(index, handWrittenPerClass)), Unrelated];

    private static string Resource(int index, int handWritten)
    {
        var name = $"Thing{index}";
        var source = new StringBuilder($$"""
            namespace Large.Things{{index}};

            [Resource("thing{{index}}s")]
            public sealed record {{name}}
            {
                [Key] public Guid Id { get; init; }
                [Owner] public string OwnerId { get; init; } = "";
                [Sortable, Filterable, MaxLength(200)] public required string Title { get; init; }
                [MaxLength(2000)] public string? Notes { get; init; }
                [Range(0, 1000)] public int Quantity { get; init; }
                [ServerSet, Sortable] public DateTimeOffset CreatedAt { get; init; }
                [ConcurrencyCheck] public long Version { get; init; }
            }

            public sealed record New{{name}}([Required, MaxLength(200)] string Title, [MaxLength(2000)] string? Notes, [Range(0, 1000)] int Quantity);

            public sealed record {{name}}Summary(Guid Id, string Title);

            [Endpoints("/thing{{index}}s")]
            public sealed partial class {{name}}Api({{name}}Store store)
            {
                [Get("/{id}")] public partial Task<{{name}}?> Get(Guid id);
                [Get("")] public partial Task<SecureApi.Data.Page<{{name}}>> List(SecureApi.Data.PageRequest page);
                [Post("")] public partial Task<{{name}}> Create(New{{name}} body);
                [Put("/{id}")] public partial Task<{{name}}?> Replace(Guid id, New{{name}} body);
                [Delete("/{id}")] public partial Task<bool> Delete(Guid id);

            """);
        for (var e = 0; e < handWritten; e++)
        {
            source.AppendLine(CultureInfo.InvariantCulture, $$"""    [Get("/{id}/summary{{e}}")] public async Task<{{name}}Summary?> Summary{{e}}(Guid id, Caller caller, CancellationToken ct) => await store.FindAsync(caller, id, ct) is { } item ? new(item.Id, item.Title) : null;""");
        }

        return source.AppendLine("}").ToString();
    }
}

using System.Text;

namespace SecureApi.Testing;

/// <summary>
/// The source of a large synthetic service: <c>resources</c> owned resources, each with its request type and an
/// endpoint class, the endpoints spread evenly over the classes (the five declarative CRUD shapes, then hand-written
/// GETs), one file per resource, plus one file the generator has no interest in (the one an "unrelated edit" changes).
/// One source for the generator benchmark (<see cref="Files"/>) and the generator tests' caching check (<see cref="Sources"/>).
/// </summary>
public static class SyntheticService
{
    public const string UnrelatedPath = "Unrelated.cs";

    public const string Unrelated = """
        namespace Synthetic.Other;

        public static class Arithmetic
        {
            public static int Twice(int value) => value * 2;
        }
        """;

    public const string GlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.ComponentModel.DataAnnotations;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using Microsoft.AspNetCore.Authorization;
        global using Microsoft.AspNetCore.Http;
        global using SecureApi;
        """;

    /// <summary>(path, source) of every file.</summary>
    public static IReadOnlyList<(string Path, string Source)> Files(int endpoints, int resources)
    {
        var files = new List<(string, string)> { ("GlobalUsings.cs", GlobalUsings), (UnrelatedPath, Unrelated) };
        for (var r = 0; r < resources; r++)
        {
            var count = endpoints / resources + (r < endpoints % resources ? 1 : 0);
            files.Add(($"Resource{r}.cs", Resource(r, count)));
        }
        return files;
    }

    /// <summary>
    /// The resource files, <paramref name="endpointsPerClass"/> endpoints each, then <see cref="Unrelated"/> last (so it is
    /// <c>SourcePath(resources)</c> where files are numbered in order); without the global usings, which a test harness adds.
    /// </summary>
    public static string[] Sources(int resources, int endpointsPerClass) =>
        [.. Enumerable.Range(0, resources).Select(index => Resource(index, endpointsPerClass)), Unrelated];

    private static string Resource(int index, int endpoints)
    {
        var name = $"Thing{index}";
        var source = new StringBuilder($$"""
            namespace Synthetic.Things{{index}};

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

            """);
        string[] crud =
        [
            $"    [Get(\"/{{id}}\")] public partial Task<{name}?> Get(Guid id);",
            $"    [Get(\"\")] public partial Task<SecureApi.Data.Page<{name}>> List(SecureApi.Data.PageRequest page);",
            $"    [Post(\"\")] public partial Task<{name}> Create(New{name} body);",
            $"    [Put(\"/{{id}}\")] public partial Task<{name}?> Replace(Guid id, New{name} body);",
            $"    [Delete(\"/{{id}}\")] public partial Task<bool> Delete(Guid id);",
        ];
        for (var e = 0; e < endpoints; e++)
        {
            source.AppendLine(e < crud.Length
                ? crud[e]
                : $"    [Get(\"/{{id}}/summary{e}\")] public async Task<{name}Summary?> Summary{e}(Guid id, Caller caller, CancellationToken ct) => await store.FindAsync(caller, id, ct) is {{ }} item ? new(item.Id, item.Title) : null;");
        }
        return source.AppendLine("}").ToString();
    }
}

using Microsoft.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace SecureApi.Generators.Tests;

/// <summary>Resource declarations: which are refused (on the member at fault, with no store), and which produce a working store.</summary>
public sealed class ResourceDeclarationTests
{
    [Fact]
    public void StoreCompilesWhenAnEncryptedMemberIsDeclaredBeforeKeyAndOwner()
    {
        var run = GeneratorHarness.Run("""
            namespace Shop;

            [Resource("vault")]
            public sealed record Vault
            {
                [Encrypted]
                public string? Secret { get; init; }

                [Key]
                public Guid Id { get; init; }

                [Owner]
                public string OwnerId { get; init; } = "";
            }
            """);

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationProblems);
    }

    [Fact]
    public void ReservedWordAsTableNameIsReportedOnTheResource()
    {
        var run = GeneratorHarness.Run(OwnedThing("order", "Name"));

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(("SAPI028", "Thing"), (diagnostic.Id, run.TextAt(diagnostic)));
        Assert.DoesNotContain("Shop.Thing.Store.g.cs", run.HintNames);
    }

    [Theory]
    [InlineData("Group")]
    [InlineData("Order")]
    public void ReservedWordAsColumnNameIsReportedOnTheMember(string member)
    {
        var run = GeneratorHarness.Run(OwnedThing("things", member));

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(("SAPI028", member), (diagnostic.Id, run.TextAt(diagnostic)));
        Assert.DoesNotContain("Shop.Thing.Store.g.cs", run.HintNames);
    }

    [Fact]
    public void NonReservedTableAndColumnNamesGiveASchemaSqliteAccepts()
    {
        var run = GeneratorHarness.Run(OwnedThing("things", "Name"));

        Assert.Empty(run.Diagnostics);
        AssertSqliteAcceptsTheSchema(run, "Shop.ThingSql");
    }

    [Fact]
    public void MembersThatMapToTheSameColumnAreReported()
    {
        var run = GeneratorHarness.Run("""
            namespace Shop;

            [Resource("things")]
            public sealed record Thing
            {
                [Key]
                public Guid Id { get; init; }

                [Owner]
                public string OwnerId { get; init; } = "";

                public string? OwnerID { get; init; }
            }
            """);

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(("SAPI032", "OwnerID"), (diagnostic.Id, run.TextAt(diagnostic)));
        Assert.DoesNotContain("Shop.Thing.Store.g.cs", run.HintNames);
    }

    [Fact]
    public void InvalidResourceMemberProducesNoStore()
    {
        var compilation = GeneratorHarness.Compile("""
            namespace Shop;

            [Resource("notes")]
            public sealed record Note
            {
                [Key]
                public Guid Id { get; init; }

                [Owner]
                public Guid OwnerId { get; init; }

                [MaxLength(200)]
                public string Title { get; init; } = "";
            }

            [Endpoints("/notes")]
            public partial class NotesApi
            {
                [Get("/{id}")]
                public partial Task<Note?> Get(Guid id);
            }
            """);
        var silenced = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(
            compilation.Options.SpecificDiagnosticOptions.SetItem("SAPI021", ReportDiagnostic.Suppress)));

        var run = GeneratorHarness.Run(silenced);

        Assert.DoesNotContain("Shop.Note.Store.g.cs", run.HintNames);
        Assert.Contains(run.CompilationProblems, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void ReportsInvalidResourceMemberOnTheMember()
    {
        var run = GeneratorHarness.Run("""
            namespace Shop;

            [Resource("notes")]
            public sealed record Note
            {
                [Key]
                public Guid Id { get; init; }

                [Owner]
                public Guid OwnerId { get; init; }
            }
            """);

        var diagnostic = run.Diagnostics.First();
        Assert.Equal("SAPI021", diagnostic.Id);
        Assert.Equal("OwnerId", run.TextAt(diagnostic));
        Assert.DoesNotContain("Shop.Note.Store.g.cs", run.HintNames);
    }

    /// <summary>A sequential key exists only after the insert, too late to bind the ciphertext to its row.</summary>
    [Fact]
    public void EncryptedMemberOfASequentialResourceIsRefused()
    {
        var run = GeneratorHarness.Run("""
            namespace Shop;

            [Resource("pins")]
            public sealed record Pin
            {
                [Key, SequentialKey]
                public long Id { get; init; }

                [Owner]
                public string OwnerId { get; init; } = "";

                [Encrypted]
                public string? Code { get; init; }
            }
            """);

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(("SAPI027", "Code"), (diagnostic.Id, run.TextAt(diagnostic)));
        Assert.DoesNotContain("Shop.Pin.Store.g.cs", run.HintNames);
    }

    /// <summary>An owned resource <c>Thing</c> on <paramref name="table"/> with one text member named <paramref name="member"/>.</summary>
    private static string OwnedThing(string table, string member) => $$"""
        namespace Shop;

        [Resource("{{table}}")]
        public sealed record Thing
        {
            [Key]
            public Guid Id { get; init; }

            [Owner]
            public string OwnerId { get; init; } = "";

            [MaxLength(20)]
            public string {{member}} { get; init; } = "";
        }
        """;

    /// <summary>Creates the resource's SQLite schema in memory, failing with SQLite's message if it is refused.</summary>
    private static void AssertSqliteAcceptsTheSchema(GeneratorRun run, string sqlClass)
    {
        var schema = run.Output.GetTypeByMetadataName(sqlClass)?.GetMembers("SqliteSchema").OfType<IFieldSymbol>().Single().ConstantValue as string;
        Assert.NotNull(schema);
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = schema;
        var exception = Record.Exception(() => command.ExecuteNonQuery());
        Assert.True(exception is null, $"SQLite refuses the schema: {exception?.Message}\n{schema}");
    }
}

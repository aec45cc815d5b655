using SecureApi.Data.Migrations;
using static SecureApi.IntegrationTests.Migrations.Schemas;

namespace SecureApi.IntegrationTests.Migrations;

/// <summary>
/// Each change kind, on each engine against a real server: a database created by version 1 of <c>notes</c>, rows
/// written, then version 2 applied. Safe changes apply on their own, unsafe ones are refused with their exact message
/// (and nothing applied), and apply once declared; rows survive with their values.
/// </summary>
public abstract class SchemaMigrationTests : IAsyncLifetime
{
    private MigrationDatabase? _database;

    private MigrationDatabase Db => _database!;

    protected abstract Task<MigrationDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        await Db.MigrateAsync(V1);
        await Db.ExecuteAsync("INSERT INTO notes (id, title, body) VALUES ('a', 'First', 'one'), ('b', 'Second', NULL)");
    }

    public async Task DisposeAsync() => await Db.DisposeAsync();

    [Fact]
    public async Task ANewTableIsCreatedOnceAndASecondRunPlansNothing()
    {
        var again = await Db.MigrateAsync(V1);

        Assert.Empty(again.Applied);
        Assert.Equal(["notes.create"], await StepIdsAsync());
    }

    [Fact]
    public async Task ANewNullableMemberIsAddedAutomaticallyAndRowsKeepTheirValues()
    {
        var outcome = await Db.MigrateAsync(Notes(Column("title", 100), Column("body", nullable: true), Column("summary", nullable: true)));

        Assert.Equal(["notes.add.summary"], outcome.Applied.Select(s => s.Id));
        Assert.True(outcome.Applied.Single().Safe);
        await AssertRowsAsync("SELECT id, title, body, summary FROM notes ORDER BY id", ["a", "First", "one", null], ["b", "Second", null, null]);
    }

    [Fact]
    public async Task ANewRequiredMemberWithADeclaredDefaultIsAddedAndExistingRowsGetTheDefault()
    {
        await Db.MigrateAsync(Notes(Column("title", 100), Column("body", nullable: true), Integer("rank", defaultSql: "3")));

        await AssertRowsAsync("SELECT id, title, rank FROM notes ORDER BY id", ["a", "First", 3L], ["b", "Second", 3L]);
    }

    [Fact]
    public async Task ANewRequiredMemberWithoutADefaultIsRefusedAndNothingIsApplied()
    {
        var refused = await Assert.ThrowsAsync<SchemaMigrationRefusedException>(() =>
            Db.MigrateAsync(Notes(Column("title", 100), Column("body", nullable: true), Column("summary", nullable: true), Integer("rank"))));

        Assert.Equal(
            SchemaMigrationRefusedException.Header + "\n- Resource 'Note' (table 'notes'), member 'Rank' (column 'rank'): adding it as required leaves the existing rows without a value. " +
            "Declare a default with [DefaultValue(...)], or make the member nullable.",
            refused.Message);
        Assert.Null((await Db.CatalogAsync()).Table("notes")!.Column("summary"));
    }

    [Fact]
    public async Task ANewSortableMemberGetsItsIndex()
    {
        await Db.MigrateAsync(Notes([Column("title", 100), Column("body", nullable: true), Integer("rank", nullable: true)], [new() { Name = "ix_notes_rank", Columns = ["rank", "id"] }]));

        var index = Assert.Single((await Db.CatalogAsync()).Table("notes")!.Indexes, i => i.Name == "ix_notes_rank");
        Assert.Equal(["rank", "id"], index.Columns);
    }

    [Fact]
    public async Task ALongerMaximumLengthIsAppliedAutomatically()
    {
        var outcome = await Db.MigrateAsync(Notes(Column("title", 200), Column("body", nullable: true)));

        Assert.All(outcome.Applied, s => Assert.True(s.Safe));
        Assert.Equal(200, SqlType.Parse((await Db.CatalogAsync()).Table("notes")!.Column("title")!.Type).Length);
        await AssertRowsAsync("SELECT id, title, body FROM notes ORDER BY id", ["a", "First", "one"], ["b", "Second", null]);
        // The index of version 1 is still there (SQLite rebuilt the table).
        Assert.Contains((await Db.CatalogAsync()).Table("notes")!.Indexes, i => i.Name == "ix_notes_scope");
    }

    [Fact]
    public async Task AShorterMaximumLengthIsRefused()
    {
        var refused = await Assert.ThrowsAsync<SchemaMigrationRefusedException>(() => Db.MigrateAsync(Notes(Column("title", 50), Column("body", nullable: true))));

        Assert.Equal(
            SchemaMigrationRefusedException.Header + "\n- Resource 'Note' (table 'notes'), member 'Title' (column 'title'): shortening its maximum length from 100 to 50 would cut longer values. " +
            "Declare a [MigrationStep(id, Member = \"Title\", Sqlite = ..., PostgreSql = ...)] on Note that shortens them, or keep the length.",
            refused.Message);
    }

    [Fact]
    public async Task AShorterMaximumLengthIsAppliedAfterTheStepThatShortensTheValues()
    {
        await Db.ExecuteAsync("UPDATE notes SET title = @p0 WHERE id = 'b'", new string('x', 80));

        await Db.MigrateAsync(Notes([Column("title", 50), Column("body", nullable: true)], [], Step("2026-11-shorten-titles", "UPDATE notes SET title = substr(title, 1, 50)", member: "Title")));

        await AssertRowsAsync("SELECT id, title FROM notes ORDER BY id", ["a", "First"], ["b", new string('x', 50)]);
        Assert.Equal(50, SqlType.Parse((await Db.CatalogAsync()).Table("notes")!.Column("title")!.Type).Length);
    }

    [Fact]
    public async Task ARenameWithoutRenamedFromIsRefusedAsADrop()
    {
        var refused = await Assert.ThrowsAsync<SchemaMigrationRefusedException>(() => Db.MigrateAsync(Notes(Column("title", 100), Column("content", nullable: true))));

        Assert.Equal(
            SchemaMigrationRefusedException.Header + "\n- Resource 'Note' (table 'notes'): column 'body' is in the database but no member declares it; dropping it would lose its values. " +
            "Mark the member [Retired] for a release before removing it, declare [RenamedFrom(\"body\")] on the member it became, " +
            "or allow the drop with [MigrationStep(id, Member = \"body\", Sqlite = ..., PostgreSql = ...)] on Note.",
            refused.Message);
    }

    [Fact]
    public async Task ARenameWithRenamedFromKeepsTheValuesUnderTheNewName()
    {
        var outcome = await Db.MigrateAsync(Notes(Column("title", 100), Column("content", nullable: true, renamedFrom: "body")));

        Assert.Equal(["notes.rename.body.content"], outcome.Applied.Select(s => s.Id));
        await AssertRowsAsync("SELECT id, content FROM notes ORDER BY id", ["a", "one"], ["b", null]);
    }

    [Fact]
    public async Task ATypeChangeIsRefused()
    {
        var refused = await Assert.ThrowsAsync<SchemaMigrationRefusedException>(() => Db.MigrateAsync(Notes(Column("title", 100), Integer("body", nullable: true))));

        var (from, to) = Db.Dialect == Data.SqlDialect.PostgreSql ? ("text", "bigint") : ("TEXT", "INTEGER");
        Assert.Equal(
            SchemaMigrationRefusedException.Header + $"\n- Resource 'Note' (table 'notes'), member 'Body' (column 'body'): changing its type from {from} to {to} could corrupt its values. " +
            "Declare a [MigrationStep(id, Member = \"Body\", Sqlite = ..., PostgreSql = ...)] on Note that converts them.",
            refused.Message);
    }

    [Fact]
    public async Task ATypeChangeIsAppliedAfterTheStepThatConvertsTheValues()
    {
        await Db.MigrateAsync(Notes([Column("title", 100), Integer("body", nullable: true)], [], Step("2026-11-body-numbers", "UPDATE notes SET body = CASE WHEN body = 'one' THEN '1' ELSE NULL END", member: "Body")));

        await AssertRowsAsync("SELECT id, body FROM notes ORDER BY id", ["a", 1L], ["b", null]);
    }

    [Fact]
    public async Task MakingAMemberRequiredIsRefused()
    {
        var refused = await Assert.ThrowsAsync<SchemaMigrationRefusedException>(() => Db.MigrateAsync(Notes(Column("title", 100), Column("body"))));

        Assert.Equal(
            SchemaMigrationRefusedException.Header + "\n- Resource 'Note' (table 'notes'), member 'Body' (column 'body'): making it required fails on rows without a value. " +
            "Declare a [MigrationStep(id, Member = \"Body\", Sqlite = ..., PostgreSql = ...)] on Note that fills them, or keep the member nullable.",
            refused.Message);
    }

    [Fact]
    public async Task MakingAMemberRequiredIsAppliedAfterTheStepThatFillsIt()
    {
        await Db.MigrateAsync(Notes([Column("title", 100), Column("body")], [], Step("2026-11-fill-bodies", "UPDATE notes SET body = '' WHERE body IS NULL", member: "Body")));

        Assert.False((await Db.CatalogAsync()).Table("notes")!.Column("body")!.Nullable);
        await AssertRowsAsync("SELECT id, body FROM notes ORDER BY id", ["a", "one"], ["b", ""]);
    }

    [Fact]
    public async Task ARetiredMemberKeepsItsColumnAndValuesAndItsRemovalThenDropsIt()
    {
        var retiring = await Db.MigrateAsync(Notes(Column("title", 100, retired: true), Column("body", nullable: true)));
        await AssertRowsAsync("SELECT id, title FROM notes ORDER BY id", ["a", "First"], ["b", "Second"]);
        Assert.True((await Db.CatalogAsync()).Table("notes")!.Column("title")!.Nullable); // new rows need not write it

        var removed = await Db.MigrateAsync(Notes(Column("body", nullable: true)));

        Assert.Contains("notes.retire.title", retiring.Applied.Select(s => s.Id));
        Assert.Contains(removed.Applied, s => s.Description.Contains("drop column title", StringComparison.Ordinal) || s.Id == "notes.drop.title");
        Assert.Null((await Db.CatalogAsync()).Table("notes")!.Column("title"));
        await AssertRowsAsync("SELECT id, body FROM notes ORDER BY id", ["a", "one"], ["b", null]);
    }

    [Fact]
    public async Task DroppingAResourceIsRefused()
    {
        var refused = await Assert.ThrowsAsync<SchemaMigrationRefusedException>(() => Db.MigrateAsync(Others()));

        Assert.Equal(
            SchemaMigrationRefusedException.Header + "\n- Table 'notes' belonged to a resource that is no longer declared; dropping it would lose its rows. " +
            "Keep the resource, or declare a [MigrationStep(id, Table = \"notes\", Sqlite = ..., PostgreSql = ...)] on another resource that drops it.",
            refused.Message);
    }

    [Fact]
    public async Task DroppingAResourceIsAppliedByTheStepThatDropsItsTable()
    {
        await Db.MigrateAsync(Others(Step("2026-11-drop-notes", "DROP TABLE notes", table: "notes")));

        Assert.Null((await Db.CatalogAsync()).Table("notes"));
        Assert.NotNull((await Db.CatalogAsync()).Table("others"));
    }

    [Fact]
    public async Task AHandWrittenStepRunsOnce()
    {
        var step = Step("2026-11-titles-upper", "UPDATE notes SET title = upper(title)", member: "Title");
        await Db.MigrateAsync(Notes([Column("title", 100), Column("body", nullable: true)], [], step));
        await Db.MigrateAsync(Notes([Column("title", 100), Column("body", nullable: true)], [], step));

        await AssertRowsAsync("SELECT id, title FROM notes ORDER BY id", ["a", "FIRST"], ["b", "SECOND"]);
        Assert.Equal(["notes.create", "notes.step.2026-11-titles-upper"], await StepIdsAsync());
    }

    [Fact]
    public async Task TheDryRunPrintsTheStepsThatAreThenAppliedAndChangesNothing()
    {
        var v2 = Notes([Column("title", 200), Column("content", nullable: true, renamedFrom: "body"), Integer("rank", defaultSql: "0")], [new() { Name = "ix_notes_rank", Columns = ["rank", "id"] }]);

        var dryRun = await Db.MigrateAsync([v2], dryRun: true);
        Assert.NotNull((await Db.CatalogAsync()).Table("notes")!.Column("body"));
        var applied = await Db.MigrateAsync(v2);

        Assert.NotEmpty(dryRun.Plan.Steps);
        Assert.Equal(dryRun.Plan.Script, string.Join("\n\n", applied.Applied.Select(s => s.Script)));
        await AssertRowsAsync("SELECT id, title, content, rank FROM notes ORDER BY id", ["a", "First", "one", 0L], ["b", "Second", null, 0L]);
    }

    [Fact]
    public async Task ADatabaseMigratedByANewerVersionRefusesThisOne()
    {
        await Db.MigrateAsync([V1], version: 5);

        var ahead = await Assert.ThrowsAsync<DatabaseSchemaAheadException>(() => Db.MigrateAsync([V1], version: 3));

        Assert.Equal(
            "The database schema is at version 5, newer than this service's version 3 (recorded in secureapi_schema_history by a newer release). " +
            "Refusing to start rather than write with an older shape: deploy the newer release, or restore the database that matches this one.",
            ahead.Message);
    }

    [Fact]
    public async Task EachAppliedStepIsRecordedWithItsHashAndVersions()
    {
        var outcome = await Db.MigrateAsync([Notes(Column("title", 100), Column("body", nullable: true), Column("summary", nullable: true))], version: 2);

        var rows = await Db.RowsAsync("SELECT step_id, sql_hash, schema_version, service_version FROM secureapi_schema_history WHERE step_id = 'notes.add.summary'");
        var row = Assert.Single(rows);
        Assert.Equal(outcome.Applied.Single().Hash, row[1]);
        Assert.Equal(2L, Convert.ToInt64(row[2], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("test", row[3]);
    }

    [Fact]
    public async Task TwoMigratorsAtOnceApplyEachStepOnce()
    {
        var v2 = Notes(Column("title", 100), Column("body", nullable: true), Column("summary", nullable: true));

        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => Db.MigrateAsync(v2))));

        var ids = await StepIdsAsync();
        Assert.Equal(ids.Distinct(), ids);
        Assert.Contains("notes.add.summary", ids);
    }

    private static ResourceSchema Others(params HandWrittenStep[] steps) => new()
    {
        Resource = "Other",
        Table = "others",
        Columns = [Key()],
        Steps = steps,
    };

    private async Task<List<string>> StepIdsAsync() =>
        [.. (await Db.RowsAsync("SELECT step_id FROM secureapi_schema_history ORDER BY id")).Select(r => (string)r[0]!)];

    private async Task AssertRowsAsync(string sql, params object?[][] expected)
    {
        var rows = await Db.RowsAsync(sql);
        Assert.Equal(expected.Length, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(expected[i], rows[i].Select(v => v is int n ? n : v));
        }
    }
}

public sealed class SqliteSchemaMigrationTests : SchemaMigrationTests
{
    protected override Task<MigrationDatabase> CreateDatabaseAsync() => Task.FromResult<MigrationDatabase>(new SqliteMigrationDatabase());

    [Fact]
    public async Task ATableRebuildKeepsOtherIndexesAndForeignKeys()
    {
        await using var db = new SqliteMigrationDatabase();
        await db.MigrateAsync(V1);
        await db.ExecuteAsync("CREATE TABLE tags (id TEXT PRIMARY KEY, note_id TEXT NOT NULL REFERENCES notes (id))");
        await db.ExecuteAsync("CREATE INDEX notes_by_body ON notes (body)");
        await db.ExecuteAsync("INSERT INTO notes (id, title) VALUES ('a', 'First')");
        await db.ExecuteAsync("INSERT INTO tags (id, note_id) VALUES ('t', 'a')");

        var outcome = await db.MigrateAsync(Notes(Column("title", 300), Column("body", nullable: true)));

        Assert.True(Assert.Single(outcome.Applied).Rebuild);
        var notes = (await db.CatalogAsync()).Table("notes")!;
        Assert.Contains(notes.Indexes, i => i.Name == "notes_by_body");
        Assert.Single((await db.CatalogAsync()).Table("tags")!.ForeignKeys);
        await Assert.ThrowsAnyAsync<Exception>(() => db.ExecuteAsync("INSERT INTO tags (id, note_id) VALUES ('u', 'missing')"));
    }
}

[Collection(SharedMigrationPostgres.Name)]
public sealed class PostgreSqlSchemaMigrationTests(MigrationPostgres server) : SchemaMigrationTests
{
    protected override async Task<MigrationDatabase> CreateDatabaseAsync() => new PostgreSqlMigrationDatabase(await server.Cluster.CreateDatabaseAsync());
}

[CollectionDefinition(Name)]
public sealed class SharedMigrationPostgres : ICollectionFixture<MigrationPostgres>
{
    public const string Name = "Migrations on PostgreSQL";
}

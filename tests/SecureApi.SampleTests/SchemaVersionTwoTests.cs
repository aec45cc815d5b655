using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using SecureApi.SampleTests.Infrastructure;
using static SecureApi.SampleTests.Infrastructure.Api;

namespace SecureApi.SampleTests;

/// <summary>
/// The sample's own schema change, end to end: a database exactly as version 1 of NotesService left it (the checked-in
/// <c>SchemaV1/notes-v1.*.sql</c>, with rows written in its shape) opened by today's version 2, which added
/// <c>Note.Pinned</c> (<c>[DefaultValue(false)]</c>), renamed <c>TeamDoc.Name</c> to <c>Title</c>
/// (<c>[RenamedFrom("name")]</c>) and made <c>Note.Body</c> <c>[Encrypted]</c>. Each test has its own database.
/// </summary>
public abstract class SchemaVersionTwoTests(IEngine engine)
{
    private const string Owner = "alice"; // alice is in tenant acme
    private const string Tenant = "acme";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    /// <summary>The history rows <c>migrate</c> of version 1 recorded (in the checked-in database).</summary>
    private static readonly string[] s_versionOneHistory = ["notes.create", "team_docs.create", "version.1"];

    [Fact]
    public async Task StartingVersionTwoOnAVersionOneDatabaseServesEveryRowInTheNewShape()
    {
        await using var target = await engine.CreateDatabaseAsync();
        var v1 = await VersionOneDatabaseAsync(target);

        var since = DateTimeOffset.UtcNow;
        await using var factory = target.CreateFactory();
        var alice = factory.ClientFor(Owner);
        await ReEncryptionProbe.WaitForCompletionAsync(target, SampleFactory.ActiveKeyId, since, s_timeout, column: "body");

        var note = await GetNoteAsync(alice, v1.NoteId);
        Assert.Equal(
            (v1.Title, (string?)v1.Body, (string?)v1.PrivateNote, false, v1.CreatedAt, 3L),
            (note.Title, note.Body, note.PrivateNote, note.Pinned, note.CreatedAt, note.Version));
        var doc = await ReadTeamDocAsync(alice, v1.DocId);
        Assert.Equal((v1.DocName, v1.DocContent), (doc.Title, doc.Content)); // the renamed column's value, under its new name
    }

    [Fact]
    public async Task TheBodiesVersionOneStoredInPlaintextAreCiphertextOnceTheJobHasRun()
    {
        await using var target = await engine.CreateDatabaseAsync();
        var v1 = await VersionOneDatabaseAsync(target);

        var since = DateTimeOffset.UtcNow;
        await using var factory = target.CreateFactory();
        var alice = factory.ClientFor(Owner);
        await ReEncryptionProbe.WaitForCompletionAsync(target, SampleFactory.ActiveKeyId, since, s_timeout, column: "body");

        var stored = (await target.ReadNoteAsync(v1.NoteId))!.Body!;
        Assert.StartsWith($"v1.{SampleFactory.ActiveKeyId}.", stored, StringComparison.Ordinal);
        Assert.Equal(v1.Body, ReEncryptionProbe.Decrypt(stored, v1.NoteId, Owner, "body"));
        Assert.Equal(v1.Body, (await GetNoteAsync(alice, v1.NoteId)).Body);
    }

    [Fact]
    public async Task TheAddedMemberHoldsItsDefaultInTheExistingRows()
    {
        await using var target = await engine.CreateDatabaseAsync();
        var v1 = await VersionOneDatabaseAsync(target);

        Assert.Equal(0, (await SampleCommand.RunAsync(target, "migrate")).ExitCode);

        Assert.False(Convert.ToBoolean(await target.ScalarAsync("SELECT pinned FROM notes WHERE id = @p0", v1.NoteId), CultureInfo.InvariantCulture));
        Assert.Equal(v1.DocName, await target.ScalarAsync("SELECT title FROM team_docs WHERE id = @p0", v1.DocId));
    }

    [Fact]
    public async Task TheDryRunPrintsTheStepsThatMigrateThenAppliesAndRecords()
    {
        await using var target = await engine.CreateDatabaseAsync();
        var v1 = await VersionOneDatabaseAsync(target);

        var dryRun = await SampleCommand.RunAsync(target, "migrate", "--dry-run");
        var historyAfterDryRun = await HistoryAsync(target);
        var migrate = await SampleCommand.RunAsync(target, "migrate");

        Assert.Equal((0, 0), (dryRun.ExitCode, migrate.ExitCode));
        Assert.Equal(s_versionOneHistory, historyAfterDryRun); // the dry run changed nothing
        Assert.Equal(dryRun.Output, migrate.Output);
        Assert.Contains("ALTER TABLE team_docs RENAME COLUMN name TO title", dryRun.Output, StringComparison.Ordinal);
        var printed = dryRun.Output.Split('\n').Where(l => l.StartsWith("-- ", StringComparison.Ordinal)).Select(l => l[3..l.IndexOf(':', StringComparison.Ordinal)]);
        Assert.Equal([.. s_versionOneHistory, .. printed, "version.2"], await HistoryAsync(target));
        Assert.Equal(v1.Title, (await target.ReadNoteAsync(v1.NoteId))!.Title);
    }

    private static async Task<List<string>> HistoryAsync(DatabaseTarget target)
    {
        await using var connection = await target.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT step_id FROM secureapi_schema_history ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync();
        var steps = new List<string>();
        while (await reader.ReadAsync())
        {
            steps.Add(reader.GetString(0));
        }

        return steps;
    }

    /// <summary>
    /// Creates the version-1 schema from the checked-in SQL for the target's engine, then writes one note and one team
    /// document as version 1 wrote them: the body in plaintext, the private note sealed (it was already encrypted), the
    /// team document's title in <c>name</c>.
    /// </summary>
    private static async Task<VersionOneRows> VersionOneDatabaseAsync(DatabaseTarget target)
    {
        if (target is SqliteTarget sqlite)
        {
            await File.WriteAllBytesAsync(sqlite.FilePath, []); // an empty file is an empty SQLite database
        }

        var file = target.Engine == "SQLite" ? "notes-v1.sqlite.sql" : "notes-v1.postgresql.sql";
        await target.ExecuteAsync(await File.ReadAllTextAsync(Path.Combine(SecureApi.Testing.RepositoryRoot.Find(), "tests", "SecureApi.SampleTests", "SchemaV1", file)));

        var created = new DateTimeOffset(2026, 5, 4, 3, 2, 1, TimeSpan.Zero);
        var rows = new VersionOneRows(Guid.NewGuid(), "Groceries", "Milk, eggs and the good bread.", "The door code is 4711.", created, Guid.NewGuid(), "Release plan", "Ship version 2 on Friday.");
        await target.ExecuteAsync(
            "INSERT INTO notes (id, owner_id, title, body, private_note, moderation_flag, created_at, updated_at, version) VALUES (@p0, @p1, @p2, @p3, @p4, NULL, @p5, @p5, 3)",
            rows.NoteId, Owner, rows.Title, rows.Body, ReEncryptionProbe.Seal(rows.PrivateNote, rows.NoteId, Owner, "private_note", SampleFactory.ActiveKeyId), created);
        await target.ExecuteAsync(
            "INSERT INTO team_docs (id, tenant_id, name, content, created_at, version) VALUES (@p0, @p1, @p2, @p3, @p4, 1)",
            rows.DocId, Tenant, rows.DocName, rows.DocContent, created);
        return rows;
    }

    private static async Task<TeamDocDto> ReadTeamDocAsync(HttpClient client, Guid id)
    {
        var response = await client.GetAsync($"/team-docs/{id}");
        await AssertStatusAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<TeamDocDto>(Options))!;
    }

    private sealed record VersionOneRows(Guid NoteId, string Title, string Body, string PrivateNote, DateTimeOffset CreatedAt, Guid DocId, string DocName, string DocContent);
}

public sealed class SqliteSchemaVersionTwoTests() : SchemaVersionTwoTests(new SqliteEngine());

[Collection(SharedPostgresServer.Name)]
public sealed class PostgresSchemaVersionTwoTests(PostgresServer server) : SchemaVersionTwoTests(new PostgresEngine(server));

using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using SecureApi.SampleTests.Infrastructure;
using static SecureApi.SampleTests.Infrastructure.Api;

namespace SecureApi.SampleTests;

/// <summary>
/// <c>Idempotency-Key</c> on generated creates (IETF draft-ietf-httpapi-idempotency-key-header): a retry with the same
/// key and body returns the row first created, never a second one; the key is the caller's alone.
/// </summary>
public abstract class IdempotencyTests(ClassDatabase database, IEngine engine) : SampleTestBase(database, engine)
{
    private const string Header = "Idempotency-Key";

    [Fact]
    public async Task RetryWithTheSameKeyAndBodyReturnsTheOriginalNoteAndStoresOneRow()
    {
        var alice = Client("alice");
        var (key, title) = NewKeyAndTitle();

        var first = await PostNoteAsync(alice, key, title);
        await AssertStatusAsync(first, HttpStatusCode.Created);
        var retry = await PostNoteAsync(alice, key, title);
        await AssertStatusAsync(retry, HttpStatusCode.Created);

        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.Equal(firstBody, await retry.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(ETag(1), first.Headers.ETag?.ToString());
        Assert.Equal(ETag(1), retry.Headers.ETag?.ToString());
        Assert.Equal(1, await CountNotesAsync("alice", title));
        Assert.Equal(1, await CountKeysAsync("alice", key));
    }

    [Fact]
    public async Task TheKeyIsStoredWithTheBodyFingerprintAndTheCreatedKey()
    {
        var alice = Client("alice");
        var (key, title) = NewKeyAndTitle();

        var created = await ReadNoteAsync(await PostNoteAsync(alice, key, title));

        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(NoteJson(title))));
        Assert.Equal(fingerprint, await KeyColumnAsync("fingerprint", "alice", key));
        Assert.Equal(created.Id.ToString(), await KeyColumnAsync("resource_key", "alice", key));
        Assert.Equal("acme", await KeyColumnAsync("tenant", "alice", key));
        Assert.Equal("NotesApi.Create", await KeyColumnAsync("endpoint", "alice", key));
    }

    [Fact]
    public async Task SameKeyWithAnotherBodyIs422AndCreatesNothing()
    {
        var alice = Client("alice");
        var (key, title) = NewKeyAndTitle();
        await AssertStatusAsync(await PostNoteAsync(alice, key, title), HttpStatusCode.Created);

        var reused = await PostNoteAsync(alice, key, title + " (edited)");

        var problem = await Problem.AssertAsync(reused, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Idempotency-Key", problem.Body.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await CountNotesAsync("alice", title));
        Assert.Equal(0, await CountNotesAsync("alice", title + " (edited)"));
    }

    [Fact]
    public async Task AnotherCallersKeyNeverMatches()
    {
        var (key, title) = NewKeyAndTitle();
        var alices = await ReadNoteAsync(await PostNoteAsync(Client("alice"), key, title));

        var bobsResponse = await PostNoteAsync(Client("bob"), key, title);

        await AssertStatusAsync(bobsResponse, HttpStatusCode.Created);
        var bobs = await ReadNoteAsync(bobsResponse);
        Assert.NotEqual(alices.Id, bobs.Id);
        Assert.Equal("bob", bobs.OwnerId);
        Assert.Equal(1, await CountNotesAsync("alice", title));
        Assert.Equal(1, await CountNotesAsync("bob", title));
        Assert.Equal(bobs.Id, (await ReadNoteAsync(await PostNoteAsync(Client("bob"), key, title))).Id); // bob's retry: bob's note
    }

    [Fact]
    public async Task WithoutTheHeaderEveryPostCreatesAndNoKeyIsStored()
    {
        var caller = SampleFactory.NewFreshCaller();
        var client = Client(caller);
        var (_, title) = NewKeyAndTitle();

        var one = await PostNoteAsync(client, key: null, title);
        var two = await PostNoteAsync(client, key: null, title);

        Assert.NotEqual((await ReadNoteAsync(one)).Id, (await ReadNoteAsync(two)).Id);
        Assert.Equal(2, await CountNotesAsync(caller.Subject, title));
        Assert.Equal(0L, Convert.ToInt64(await Target.ScalarAsync("SELECT COUNT(*) FROM secureapi_idempotency WHERE subject = @p0", caller.Subject), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task TheQuotedAndTheBareFormNameTheSameKey()
    {
        var alice = Client("alice");
        var (key, title) = NewKeyAndTitle();

        var quoted = await ReadNoteAsync(await PostNoteAsync(alice, "\"" + key + "\"", title));
        var bare = await ReadNoteAsync(await PostNoteAsync(alice, key, title));

        Assert.Equal(quoted.Id, bare.Id);
        Assert.Equal(1, await CountNotesAsync("alice", title));
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("two words")]
    [InlineData("\"unterminated")]
    [InlineData("\"bad \\n escape\"")]
    [InlineData("caf\u00e9")]
    [InlineData("tab\there")]
    public async Task AnInvalidKeyIs400NamingTheHeaderAndCreatesNothing(string key)
    {
        var (_, title) = NewKeyAndTitle();

        var response = await PostNoteAsync(Client("alice"), key, title);

        await Problem.AssertValidationAsync(response, Header);
        Assert.Equal(0, await CountNotesAsync("alice", title));
    }

    [Fact]
    public async Task A256CharacterKeyIs400AndA255CharacterKeyIsAccepted()
    {
        var (_, title) = NewKeyAndTitle();
        var longest = Guid.NewGuid().ToString("N") + new string('k', 255 - 32);

        await Problem.AssertValidationAsync(await PostNoteAsync(Client("alice"), longest + "k", title), Header);
        await AssertStatusAsync(await PostNoteAsync(Client("alice"), longest, title), HttpStatusCode.Created);
        Assert.Equal(1, await CountNotesAsync("alice", title));
    }

    [Fact]
    public async Task AKeyGivenTwiceIs400()
    {
        var (key, title) = NewKeyAndTitle();
        using var request = NoteRequest(key: null, title);
        request.Headers.TryAddWithoutValidation(Header, [key, key + "-other"]);

        await Problem.AssertValidationAsync(await Client("alice").SendAsync(request), Header);
        Assert.Equal(0, await CountNotesAsync("alice", title));
    }

    [Fact]
    public async Task ConcurrentRequestsWithOneKeyCreateExactlyOneNote()
    {
        const int Requests = 10;
        var alice = Client("alice");
        var (key, title) = NewKeyAndTitle();

        using var start = new SemaphoreSlim(0, Requests);
        var sends = Enumerable.Range(0, Requests).Select(async _ =>
        {
            await start.WaitAsync();
            return await PostNoteAsync(alice, key, title);
        }).ToList();
        start.Release(Requests);
        var responses = await Task.WhenAll(sends);

        // Each request either created the note, replayed it (201, same id), or met the first one in flight (409).
        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        Assert.NotEmpty(created);
        var ids = new HashSet<Guid>();
        foreach (var response in created)
        {
            ids.Add((await ReadNoteAsync(response)).Id);
        }

        Assert.Single(ids);
        foreach (var response in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await Problem.AssertAsync(response, HttpStatusCode.Conflict);
        }

        Assert.Equal(1, await CountNotesAsync("alice", title));
        Assert.Equal(ids.Single().ToString(), await KeyColumnAsync("resource_key", "alice", key));
    }

    [Fact]
    public async Task AnExpiredKeyIsIgnoredAndReplaced()
    {
        var alice = Client("alice");
        var (key, title) = NewKeyAndTitle();
        var first = await ReadNoteAsync(await PostNoteAsync(alice, key, title));
        await AgeKeyAsync("alice", key, TimeSpan.FromHours(25)); // past the default retention of 24 hours

        var second = await ReadNoteAsync(await PostNoteAsync(alice, key, title));

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(2, await CountNotesAsync("alice", title));
        Assert.Equal(second.Id.ToString(), await KeyColumnAsync("resource_key", "alice", key));
    }

    [Fact]
    public async Task RetentionIsConfigurable()
    {
        await using var shortMemory = Target.CreateFactory(new Dictionary<string, string?> { ["SecureApi:Idempotency:RetentionHours"] = "1" });
        var alice = shortMemory.ClientFor("alice");
        var (key, title) = NewKeyAndTitle();
        var first = await ReadNoteAsync(await PostNoteAsync(alice, key, title));
        await AgeKeyAsync("alice", key, TimeSpan.FromMinutes(30));
        Assert.Equal(first.Id, (await ReadNoteAsync(await PostNoteAsync(alice, key, title))).Id); // within the hour: a replay

        await AgeKeyAsync("alice", key, TimeSpan.FromMinutes(90));
        var second = await ReadNoteAsync(await PostNoteAsync(alice, key, title));

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(2, await CountNotesAsync("alice", title));
    }

    [Fact]
    public async Task ARetryAfterTheNoteWasDeletedIs410()
    {
        var alice = Client("alice");
        var (key, title) = NewKeyAndTitle();
        var note = await ReadNoteAsync(await PostNoteAsync(alice, key, title));
        await AssertStatusAsync(await SendAsync(alice, HttpMethod.Delete, $"/notes/{note.Id}", ifMatch: ETag(1)), HttpStatusCode.NoContent);

        var retry = await PostNoteAsync(alice, key, title);

        await Problem.AssertAsync(retry, HttpStatusCode.Gone);
        Assert.Equal(0, await CountNotesAsync("alice", title));
    }

    protected static (string Key, string Title) NewKeyAndTitle()
    {
        var id = Guid.NewGuid().ToString("N");
        return ("key-" + id, "idempotent " + id);
    }

    protected static string NoteJson(string title) => $$"""{"title":"{{title}}","body":"retry me"}""";

    protected static HttpRequestMessage NoteRequest(string? key, string title)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/notes") { Content = RawJson(NoteJson(title)) };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation(Header, key);
        }

        return request;
    }

    protected static async Task<HttpResponseMessage> PostNoteAsync(HttpClient client, string? key, string title)
    {
        using var request = NoteRequest(key, title);
        return await client.SendAsync(request);
    }

    protected static async Task<NoteDto> ReadNoteAsync(HttpResponseMessage response)
    {
        await AssertStatusAsync(response, HttpStatusCode.Created);
        return (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<NoteDto>(response.Content, Options))!;
    }

    protected async Task<long> CountNotesAsync(string owner, string title) =>
        Convert.ToInt64(await Target.ScalarAsync("SELECT COUNT(*) FROM notes WHERE owner_id = @p0 AND title = @p1", owner, title), CultureInfo.InvariantCulture);

    private async Task<long> CountKeysAsync(string subject, string key) =>
        Convert.ToInt64(await Target.ScalarAsync("SELECT COUNT(*) FROM secureapi_idempotency WHERE subject = @p0 AND idempotency_key = @p1", subject, key), CultureInfo.InvariantCulture);

    private async Task<string?> KeyColumnAsync(string column, string subject, string key) =>
        (string?)await Target.ScalarAsync($"SELECT {column} FROM secureapi_idempotency WHERE subject = @p0 AND idempotency_key = @p1", subject, key);

    private Task<int> AgeKeyAsync(string subject, string key, TimeSpan age) =>
        Target.ExecuteAsync("UPDATE secureapi_idempotency SET created_at = @p0 WHERE subject = @p1 AND idempotency_key = @p2", DateTimeOffset.UtcNow - age, subject, key);
}

public sealed class SqliteIdempotencyTests(ClassDatabase database) : IdempotencyTests(database, new SqliteEngine());

[Collection(SharedPostgresServer.Name)]
public sealed class PostgresIdempotencyTests(PostgresServer server, ClassDatabase database) : IdempotencyTests(database, new PostgresEngine(server))
{
    /// <summary>
    /// A duplicate that arrives while the first request is still in flight (a test trigger holds it after it recorded
    /// the key, before its commit) finds no committed key, then meets the first one's in the unique constraint: 409.
    /// </summary>
    [Fact]
    public async Task ADuplicateWhileTheFirstIsInFlightIs409()
    {
        var alice = Client("alice");
        await AssertStatusAsync(await PostNoteAsync(alice, key: null, "schema ready"), HttpStatusCode.Created);
        await Target.ExecuteAsync("""
            CREATE SEQUENCE IF NOT EXISTS test_slow_keys;
            CREATE OR REPLACE FUNCTION test_slow_key() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.idempotency_key LIKE 'in-flight-%' THEN
                    IF nextval('test_slow_keys') = 1 THEN
                        PERFORM pg_sleep(1);
                    END IF;
                END IF;
                RETURN NULL;
            END $$;
            DROP TRIGGER IF EXISTS test_slow_key ON secureapi_idempotency;
            CREATE TRIGGER test_slow_key AFTER INSERT ON secureapi_idempotency FOR EACH ROW EXECUTE FUNCTION test_slow_key();
            """);
        var key = "in-flight-" + Guid.NewGuid().ToString("N");
        var title = "in flight " + key;

        var first = PostNoteAsync(alice, key, title);
        await WaitUntilAsync(async () => Convert.ToInt64(await Target.ScalarAsync("SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep'"), CultureInfo.InvariantCulture) == 1);
        var duplicate = await PostNoteAsync(alice, key, title);

        await Problem.AssertAsync(duplicate, HttpStatusCode.Conflict);
        var created = await ReadNoteAsync(await first);
        Assert.Equal(1, await CountNotesAsync("alice", title));
        Assert.Equal(created.Id, (await ReadNoteAsync(await PostNoteAsync(alice, key, title))).Id); // once it is done, a retry replays it
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The first request never reached its slow insert.");
            await Task.Delay(10);
        }
    }

    /// <summary>
    /// The connection breaks while the create commits (a deferred trigger ends the server process): the client cannot
    /// know whether the note was saved, so the answer says so, and the retry with the same key is safe.
    /// </summary>
    [Fact]
    public async Task ACommitThatLosesItsConnectionIs503RetryWithTheSameKeyAndTheRetryCreatesOnce()
    {
        var alice = Client("alice");
        await AssertStatusAsync(await PostNoteAsync(alice, key: null, "schema ready"), HttpStatusCode.Created);
        await Target.ExecuteAsync("""
            CREATE SEQUENCE IF NOT EXISTS test_broken_commits;
            CREATE OR REPLACE FUNCTION test_break_commit() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.idempotency_key LIKE 'break-commit-%' THEN
                    IF nextval('test_broken_commits') = 1 THEN
                        PERFORM pg_terminate_backend(pg_backend_pid());
                        PERFORM pg_sleep(5); -- the termination arrives here, before the commit completes
                    END IF;
                END IF;
                RETURN NULL;
            END $$;
            DROP TRIGGER IF EXISTS test_break_commit ON secureapi_idempotency;
            CREATE CONSTRAINT TRIGGER test_break_commit AFTER INSERT ON secureapi_idempotency
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_break_commit();
            """);
        var (_, title) = NewKeyAndTitle();
        var key = "break-commit-" + Guid.NewGuid().ToString("N");

        var lost = await PostNoteAsync(alice, key, title);

        var problem = await Problem.AssertAsync(lost, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("5", lost.Headers.RetryAfter?.ToString());
        Assert.Contains("same Idempotency-Key", problem.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await CountNotesAsync("alice", title)); // this time the commit did not happen

        var retry = await PostNoteAsync(alice, key, title);

        var created = await ReadNoteAsync(retry);
        Assert.Equal(1, await CountNotesAsync("alice", title));
        Assert.Equal(created.Id, (await ReadNoteAsync(await PostNoteAsync(alice, key, title))).Id); // a further retry replays it
        Assert.Equal(1, await CountNotesAsync("alice", title));
    }
}

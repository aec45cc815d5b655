using System.Net;
using SecureApi.SampleTests.Infrastructure;
using static SecureApi.SampleTests.Infrastructure.Api;

namespace SecureApi.SampleTests;

/// <summary>
/// Broken object-level authorisation: no caller can read, change, delete, list or even detect another caller's note,
/// or another tenant's document, through any endpoint that takes an id, a list query or a cursor.
/// </summary>
public abstract class BolaTests(ClassDatabase database, IEngine engine) : SampleTestBase(database, engine)
{
    [Fact]
    public async Task EveryNoteEndpointWithAnIdAnswersAnotherCaller404AndLeavesTheNoteUnchanged()
    {
        var alice = Client("alice");
        var note = await CreateNoteAsync(alice, "alice-bola-title", "alice-bola-body", "alice-bola-private");
        var before = await Target.ReadNoteAsync(note.Id);

        foreach (var intruder in new[] { "bob", "carol", "ada" })
        {
            var client = Client(intruder);
            foreach (var (method, uri, body, ifMatch) in Attempts(note.Id, note.Version))
            {
                var response = await SendAsync(client, method, uri, body, ifMatch);
                var problem = await Problem.AssertAsync(response, HttpStatusCode.NotFound);
                Assert.DoesNotContain("alice-bola", problem.Text, StringComparison.Ordinal);

                // Not yours and not there are indistinguishable: the same answer as for an id nobody has.
                var missing = await SendAsync(client, method, uri.Replace(note.Id.ToString(), Guid.NewGuid().ToString(), StringComparison.Ordinal), body, ifMatch);
                var missingProblem = await Problem.AssertAsync(missing, HttpStatusCode.NotFound);
                Assert.Equal(missingProblem.Body.GetProperty("title").GetString(), problem.Body.GetProperty("title").GetString());
                Assert.Equal(missing.Headers.ETag, response.Headers.ETag);
            }
        }

        var after = await GetNoteAsync(alice, note.Id);
        Assert.Equal(note, after);
        Assert.Equal(before, await Target.ReadNoteAsync(note.Id));
    }

    [Fact]
    public async Task AnotherCallersListNeverContainsTheNotesWhateverTheQuery()
    {
        var alice = Client("alice");
        var aliceNotes = new List<NoteDto>();
        for (var i = 0; i < 3; i++)
        {
            aliceNotes.Add(await CreateNoteAsync(alice, "shared-title", $"alice-list-{i}"));
        }

        var bob = Client("bob");
        var bobNote = await CreateNoteAsync(bob, "shared-title", "bob-list");

        var queries = new[]
        {
            "", "limit=1", "sort=title", "sort=-title", "sort=createdAt", "sort=-createdAt", "filter.title=shared-title",
            "filter.title=shared-title&limit=1&sort=-createdAt",
        };
        foreach (var query in queries)
        {
            var (items, _) = await ListAllAsync<NoteDto>(bob, "/notes", query);
            Assert.Contains(items, n => n.Id == bobNote.Id);
            Assert.All(items, n => Assert.Equal("bob", n.OwnerId));
            Assert.DoesNotContain(items, n => aliceNotes.Any(a => a.Id == n.Id));
            if (query.Contains("filter", StringComparison.Ordinal))
            {
                Assert.Equal([bobNote.Id], items.Select(n => n.Id));
            }
        }

        var (carolItems, _) = await ListAllAsync<NoteDto>(Client("carol"), "/notes", "filter.title=shared-title");
        Assert.Empty(carolItems);

        // Parameters that try to widen the scope are not silently ignored: each is a 400 naming it.
        foreach (var smuggled in new[] { "ownerId", "owner", "owner_id", "OwnerId", "tenant", "subject", "admin" })
        {
            var response = await bob.GetAsync($"/notes?{smuggled}=alice");
            var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
            Assert.Equal([smuggled], problem.Errors.Keys);
        }
    }

    [Fact]
    public async Task ACursorIssuedToOneCallerIs404ForAnyOtherCallerOrQuery()
    {
        var alice = Client("alice");
        for (var i = 0; i < 3; i++)
        {
            await CreateNoteAsync(alice, "cursor-owner-title", $"cursor-owner-{i}");
        }

        var page = await PageAsync<NoteDto>(alice, "/notes?limit=1&filter.title=cursor-owner-title");
        var cursor = Assert.IsType<string>(page.NextCursor);
        var encoded = Uri.EscapeDataString(cursor);

        // The cursor works for its owner with the query it was issued for...
        var next = await PageAsync<NoteDto>(alice, $"/notes?limit=1&filter.title=cursor-owner-title&cursor={encoded}");
        Assert.Single(next.Items);

        // ...and for nobody else, and for no other list, sort or filter.
        foreach (var subject in new[] { "bob", "carol", "ada" })
        {
            await AssertRefusedAsync(Client(subject), $"/notes?limit=1&filter.title=cursor-owner-title&cursor={encoded}");
        }

        await AssertRefusedAsync(alice, $"/notes?limit=1&cursor={encoded}");
        await AssertRefusedAsync(alice, $"/notes?limit=1&sort=title&filter.title=cursor-owner-title&cursor={encoded}");
        await AssertRefusedAsync(alice, $"/notes?limit=1&filter.title=other&cursor={encoded}");
        await AssertRefusedAsync(alice, $"/team-docs?limit=1&cursor={encoded}");
        await AssertRefusedAsync(Client("ada"), $"/admin/notes?limit=1&filter.title=cursor-owner-title&cursor={encoded}");
    }

    [Fact]
    public async Task ATamperedOrMalformedCursorIsRefusedWithoutLeakingData()
    {
        var alice = Client("alice");
        for (var i = 0; i < 3; i++)
        {
            await CreateNoteAsync(alice, "tamper-title", $"tamper-body-{i}");
        }

        var page = await PageAsync<NoteDto>(alice, "/notes?limit=1&filter.title=tamper-title");
        var cursor = Assert.IsType<string>(page.NextCursor);
        var dot = cursor.IndexOf('.', StringComparison.Ordinal);
        Assert.True(dot > 2 && cursor.Length - dot > 3, $"Unexpected cursor shape: {cursor}");

        // Shaped like a cursor this service issues (base64url, a dot, base64url) but altered: opened, found not to be the
        // caller's, and answered as anything else not theirs.
        var tampered = new List<string>
        {
            ChangeOneChar(cursor, 1),                        // in the payload
            ChangeOneChar(cursor, dot / 2),
            ChangeOneChar(cursor, dot + 2),                  // in the MAC
            cursor[..^1],                                    // truncated
            cursor + "A",                                    // extended
        };

        foreach (var variant in tampered)
        {
            var response = await alice.GetAsync($"/notes?limit=1&filter.title=tamper-title&cursor={Uri.EscapeDataString(variant)}");
            var problem = await Problem.ReadAsync(response);
            Assert.True(problem.Status == HttpStatusCode.NotFound, $"Cursor '{variant}' answered {(int)problem.Status}: {problem.Text}");
            Assert.Equal("application/problem+json", problem.ContentType);
            Assert.DoesNotContain("tamper-body", problem.Text, StringComparison.Ordinal);
        }

        // Not shaped like any cursor this service issues (the document's pattern): refused before it is opened, as a 400
        // naming it — nobody's cursor looks like this, so the answer says nothing about anyone's rows.
        var malformed = new List<string>
        {
            cursor.Replace(".", "", StringComparison.Ordinal), // no separator
            cursor[..dot],                                   // payload only
            cursor[..(dot + 1)],                             // empty MAC
            "." + cursor[(dot + 1)..],                       // empty payload
            "not-a-cursor",
            "!!!.###",
            "",
        };

        foreach (var variant in malformed)
        {
            var response = await alice.GetAsync($"/notes?limit=1&filter.title=tamper-title&cursor={Uri.EscapeDataString(variant)}");
            var problem = await Problem.AssertValidationAsync(response, "cursor");
            Assert.DoesNotContain("tamper-body", problem.Text, StringComparison.Ordinal);
        }

        // Longer than any cursor the server issues: refused by the binding rule before it is opened, as a 400 naming it.
        var overlong = await alice.GetAsync($"/notes?limit=1&filter.title=tamper-title&cursor={new string('A', 3000)}");
        var refused = await Problem.AssertValidationAsync(overlong, "cursor");
        Assert.DoesNotContain("tamper-body", refused.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeamDocsAreSharedWithinTheTenantAndInvisibleToOtherTenants()
    {
        var alice = Client("alice");
        var doc = await CreateTeamDocAsync(alice, "acme-plan", "acme-secret-content");
        Assert.Equal("acme", doc.TenantId);

        // bob is in acme: he sees and lists alice's document.
        var bob = Client("bob");
        var response = await bob.GetAsync($"/team-docs/{doc.Id}");
        await AssertStatusAsync(response, HttpStatusCode.OK);
        var (bobList, _) = await ListAllAsync<TeamDocDto>(bob, "/team-docs", "filter.title=acme-plan");
        Assert.Equal([doc.Id], bobList.Select(d => d.Id));

        // carol is in globex: every id endpoint is a 404 and her list holds only globex's documents.
        var carol = Client("carol");
        var carolDoc = await CreateTeamDocAsync(carol, "globex-plan");
        var attempts = new (HttpMethod Method, object? Body, string? IfMatch)[]
        {
            (HttpMethod.Get, null, null),
            (HttpMethod.Put, new { title = "carol-was-here", content = "x" }, ETag(doc.Version)),
            (HttpMethod.Put, new { title = "carol-was-here", content = "x" }, null),
            (HttpMethod.Delete, null, ETag(doc.Version)),
            (HttpMethod.Delete, null, null),
        };
        foreach (var (method, body, ifMatch) in attempts)
        {
            var problem = await Problem.AssertAsync(await SendAsync(carol, method, $"/team-docs/{doc.Id}", body, ifMatch), HttpStatusCode.NotFound);
            Assert.DoesNotContain("acme", problem.Text, StringComparison.Ordinal);
        }

        foreach (var query in new[] { "", "filter.title=acme-plan", "sort=title", "sort=-title" })
        {
            var (carolList, _) = await ListAllAsync<TeamDocDto>(carol, "/team-docs", query);
            if (!query.Contains("filter", StringComparison.Ordinal))
            {
                Assert.Contains(carolList, d => d.Id == carolDoc.Id);
            }

            Assert.All(carolList, d => Assert.Equal("globex", d.TenantId));
            Assert.DoesNotContain(carolList, d => d.Id == doc.Id);
        }

        // An acme cursor means nothing in globex.
        await CreateTeamDocAsync(alice, "acme-plan", "second");
        var page = await PageAsync<TeamDocDto>(alice, "/team-docs?limit=1&filter.title=acme-plan");
        await AssertRefusedAsync(carol, $"/team-docs?limit=1&filter.title=acme-plan&cursor={Uri.EscapeDataString(page.NextCursor!)}");

        // A caller without a tenant cannot use tenant-scoped resources at all.
        await Problem.AssertAsync(await Client("dave").GetAsync($"/team-docs/{doc.Id}"), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await Client("dave").GetAsync("/team-docs"), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await Client("dave").PostAsync("/team-docs", JsonOf(new { title = "no-tenant", content = "c" })), HttpStatusCode.Forbidden);
        Assert.Equal(0L, Convert.ToInt64(await Target.ScalarAsync("SELECT count(*) FROM team_docs WHERE title = 'no-tenant'"), System.Globalization.CultureInfo.InvariantCulture));

        var unchanged = await (await alice.GetAsync($"/team-docs/{doc.Id}")).Content.ReadAsStringAsync();
        Assert.Contains("acme-secret-content", unchanged, StringComparison.Ordinal);
        Assert.Equal(doc.Version, (long)(await Target.ScalarAsync("SELECT version FROM team_docs WHERE id = @p0", doc.Id))!);
        Assert.Equal("acme-plan", await Target.ScalarAsync("SELECT title FROM team_docs WHERE id = @p0", doc.Id));
    }

    [Fact]
    public async Task ACallerInTheSameTenantCanUpdateTheSharedDocWithItsETag()
    {
        var doc = await CreateTeamDocAsync(Client("alice"), "shared-edit", "v1");

        var response = await SendAsync(Client("bob"), HttpMethod.Put, $"/team-docs/{doc.Id}", new { title = "shared-edit", content = "v2 by bob" }, ETag(doc.Version));

        await AssertStatusAsync(response, HttpStatusCode.OK);
        Assert.Equal(ETag(doc.Version + 1), response.Headers.ETag?.ToString());
    }

    /// <summary>Each request a stranger could make against a note id: reads, and writes with a valid and a missing If-Match.</summary>
    private static IEnumerable<(HttpMethod Method, string Uri, object? Body, string? IfMatch)> Attempts(Guid id, long version)
    {
        var uri = $"/notes/{id}";
        yield return (HttpMethod.Get, uri, null, null);
        yield return (HttpMethod.Get, uri + "/summary", null, null);
        yield return (HttpMethod.Put, uri, new { title = "pwned", body = "pwned", privateNote = "pwned" }, ETag(version));
        yield return (HttpMethod.Put, uri, new { title = "pwned", body = "pwned" }, null);
        yield return (HttpMethod.Patch, uri, new { title = "pwned" }, ETag(version));
        yield return (HttpMethod.Patch, uri, new { privateNote = "pwned" }, null);
        yield return (HttpMethod.Delete, uri, null, ETag(version));
        yield return (HttpMethod.Delete, uri, null, ETag(version + 5)); // a stale version must not reveal the row either (no 412)
        yield return (HttpMethod.Delete, uri, null, null);
    }

    private static async Task AssertRefusedAsync(HttpClient client, string uri)
    {
        var response = await client.GetAsync(uri);
        var problem = await Problem.AssertAsync(response, HttpStatusCode.NotFound);
        Assert.False(problem.Body.TryGetProperty("items", out _));
    }

    private static string ChangeOneChar(string value, int index)
    {
        var chars = value.ToCharArray();
        chars[index] = chars[index] == 'A' ? 'B' : 'A';
        return new string(chars);
    }
}

public sealed class SqliteBolaTests(ClassDatabase database) : BolaTests(database, new SqliteEngine());

[Collection(SharedPostgresServer.Name)]
public sealed class PostgresBolaTests(PostgresServer server, ClassDatabase database) : BolaTests(database, new PostgresEngine(server));

namespace SecureApi.Generators.Tests;

/// <summary>
/// The scenarios of <see cref="ResourceStoreRuntimeTests"/>, compiled with the representative service so they use its
/// generated stores as an application would. Each starts on an empty database and returns its failed expectations.
/// </summary>
internal static class StoreProbeSource
{
    public const string Text = """
        using System.IO;
        using System.Linq;
        using System.Security.Claims;
        using System.Security.Cryptography;
        using Microsoft.Extensions.FileProviders;
        using Microsoft.Extensions.Hosting;
        using Microsoft.Extensions.Options;
        using SecureApi.Data;

        namespace Shop.Api;

        public static class StoreProbe
        {
            private static readonly DateTimeOffset s_due = new(2030, 1, 2, 3, 4, 5, TimeSpan.FromHours(2));
            private static readonly Caller s_ann = CallerOf("ann", "t1");
            private static readonly Caller s_bob = CallerOf("bob", "t1");
            private static readonly Caller s_carol = CallerOf("ann", "t2"); // same subject, other tenant
            private static readonly Caller s_dave = CallerOf("dave", null);

            /// <summary>Runs one scenario on a fresh database; returns the failed expectations, one per line (empty when all hold).</summary>
            public static async Task<string> RunAsync(string scenario, string directory, string? postgreSql)
            {
                var options = new SecureApiOptions();
                options.Database.SqlitePath = Path.Combine(directory, "probe.db");
                options.Database.PostgreSql = postgreSql;
                options.Encryption.ActiveKeyId = "k1";
                options.Encryption.Keys["k1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
                await using var database = new SecureApiDatabase(Options.Create(options), new Environment(directory));
                var postgres = database.Dialect == SqlDialect.PostgreSql;
                await using (var connection = await database.OpenAsync(default))
                {
                    foreach (var schema in postgres ? new[] { TicketSql.PostgreSqlSchema, ShelfSql.PostgreSqlSchema } : new[] { TicketSql.SqliteSchema, ShelfSql.SqliteSchema })
                    {
                        await using var command = global::SecureApi.Infrastructure.Db.Command(connection, schema);
                        await command.ExecuteNonQueryAsync();
                    }

                    // Every store write appends to the audit trail in its own transaction; the framework's tables hold it.
                    await using var framework = global::SecureApi.Infrastructure.Db.Command(connection, SecureApiSchema.Script(database.Dialect));
                    await framework.ExecuteNonQueryAsync();
                }

                var cursors = new CursorProtector(Options.Create(options));
                var audit = new global::SecureApi.Auditing.AuditTrail(database, new Monitor(options), TimeProvider.System);
                var probe = new Probe(
                    database,
                    new TicketStore(database, new FieldEncryption(new Monitor(options)), cursors, audit),
                    new TicketAdminStore(database, cursors, audit),
                    new ShelfStore(database, new FieldEncryption(new Monitor(options)), cursors, audit));
                probe.Check(postgres == postgreSql is not null, "the database is the engine asked for");
                await (scenario switch
                {
                    "Create" => probe.Create(),
                    "Scoping" => probe.Scoping(),
                    "Admin" => probe.Admin(),
                    "Encryption" => probe.Encryption(),
                    "UpdateKeepOrSet" => probe.UpdateKeepOrSet(),
                    "UpdateConcurrency" => probe.UpdateConcurrency(),
                    "DeleteConcurrency" => probe.DeleteConcurrency(),
                    "Cursors" => probe.Cursors(),
                    "FiltersAndSorts" => probe.FiltersAndSorts(),
                    "SequentialTenantKeys" => probe.SequentialTenantKeys(),
                    _ => throw new ArgumentException("Unknown scenario " + scenario),
                });
                return string.Join("\n", probe.Failures);
            }

            private sealed class Probe(SecureApiDatabase database, TicketStore tickets, TicketAdminStore admin, ShelfStore shelves)
            {
                public List<string> Failures { get; } = [];

                public void Check(bool condition, string expectation)
                {
                    if (!condition)
                    {
                        Failures.Add(expectation);
                    }
                }

                private Task<Ticket> New(Caller caller, string title, TicketPriority priority = TicketPriority.Normal, string? secret = null) =>
                    tickets.CreateAsync(caller, title, "body of " + title, priority, s_due, secret: secret);

                public async Task Create()
                {
                    var a = await tickets.CreateAsync(s_ann, "Alpha", "body", TicketPriority.Low, s_due, estimate: 3, secret: "s3cret");
                    Check(a.Id != Guid.Empty && a.OwnerId == "ann" && a.TenantId == "t1" && a.Version == 1, "create sets key, owner, tenant and version");
                    Check(a.CreatedAt > DateTimeOffset.UtcNow.AddMinutes(-1) && a.UpdatedAt == a.CreatedAt, "create stamps CreatedAt and UpdatedAt");
                    Check(a is { Title: "Alpha", Body: "body", Priority: TicketPriority.Low, Estimate: 3, Secret: "s3cret", InternalNote: null }, "create stores the values given and returns the secret decrypted");
                    Check(a.DueAt == s_due, "create keeps the instant of a timestamp");
                    var b = await tickets.CreateAsync(s_ann, "Bravo", "body", TicketPriority.Low, s_due);
                    Check(b.Id.CompareTo(a.Id) > 0, "keys are time-ordered");
                    Check(b is { Estimate: null, Secret: null }, "members left out of create are null");
                }

                public async Task Scoping()
                {
                    var a = await New(s_ann, "Alpha");
                    var b = await New(s_bob, "Bravo");
                    Check((await tickets.FindAsync(s_ann, a.Id))?.Title == "Alpha", "the owner finds their row");
                    Check(await tickets.FindAsync(s_bob, a.Id) is null, "another owner in the same tenant cannot find it");
                    Check(await tickets.FindAsync(s_carol, a.Id) is null, "the same subject in another tenant cannot find it");
                    Check(await Throws<MissingTenantException>(() => tickets.FindAsync(s_dave, a.Id)), "a caller without a tenant is refused");
                    Check(await Throws<MissingTenantException>(() => tickets.CreateAsync(s_dave, "x", "y", TicketPriority.Low, s_due)), "a caller without a tenant cannot create");
                    Check((await tickets.ListAsync(s_bob, new PageRequest())).Items.Select(t => t.Title).SequenceEqual(["Bravo"]), "bob lists only his own");
                    Check((await tickets.ListAsync(s_carol, new PageRequest())).Items.Count == 0, "another tenant lists nothing");
                    Check(await tickets.UpdateAsync(s_bob, a.Id, 1, title: "Stolen") is null, "another owner's update finds nothing (no conflict either)");
                    Check(!await tickets.DeleteAsync(s_bob, a.Id), "another owner cannot delete");
                    Check((await tickets.FindAsync(s_ann, a.Id))?.Title == "Alpha", "the row is untouched by the others");
                    Check(await tickets.DeleteAsync(s_ann, a.Id), "the owner deletes their row");
                    Check(await tickets.FindAsync(s_ann, a.Id) is null, "a deleted row is gone");
                }

                public async Task Admin()
                {
                    await New(s_ann, "Alpha", secret: "s3cret");
                    var b = await New(s_bob, "Bravo");
                    await New(s_carol, "Charlie");
                    var everything = await admin.ListAsync(new PageRequest());
                    Check(everything.Items.Count == 3, "the admin store lists every owner's and tenant's rows");
                    Check(everything.Items.All(t => t.Secret is null), "the admin store never decrypts");
                    Check((await admin.FindAsync(b.Id))?.OwnerId == "bob", "the admin store finds any row");
                    var filtered = await admin.ListAsync(new PageRequest { Filters = new Dictionary<string, string> { ["title"] = "Charlie" } });
                    Check(filtered.Items.Select(t => t.TenantId).SequenceEqual(["t2"]), "the admin store filters across tenants");
                    Check(await admin.DeleteAsync(b.Id), "the admin store deletes any row");
                    Check(await tickets.FindAsync(s_bob, b.Id) is null, "an admin delete removes the row");
                }

                public async Task Encryption()
                {
                    var a = await New(s_ann, "Alpha", secret: "s3cret");
                    Check((await tickets.FindAsync(s_ann, a.Id))?.Secret == "s3cret", "the owner finds and decrypts");
                    var stored = await Scalar("SELECT secret FROM tickets WHERE title = 'Alpha'");
                    Check(stored is string text && text.StartsWith("v1.k1.", StringComparison.Ordinal) && !text.Contains("s3cret", StringComparison.Ordinal), "the secret is stored encrypted with its key id");
                    var c = await New(s_ann, "Charlie");
                    await Scalar("UPDATE tickets SET secret = (SELECT secret FROM tickets WHERE title = 'Alpha') WHERE title = 'Charlie'");
                    Check(await Throws<CryptographicException>(() => tickets.FindAsync(s_ann, c.Id)), "a ciphertext copied into another row does not decrypt");

                    var kept = await tickets.UpdateAsync(s_ann, a.Id, 1, title: "Alpha 2");
                    Check(kept?.Secret == "s3cret" && Equals(await Scalar("SELECT secret FROM tickets WHERE title = 'Alpha 2'"), stored), "an update that leaves the secret out keeps its ciphertext");
                    var changed = await tickets.UpdateAsync(s_ann, a.Id, 2, secret: "n3w");
                    var restored = await Scalar("SELECT secret FROM tickets WHERE title = 'Alpha 2'");
                    Check(changed?.Secret == "n3w" && restored is string again && again.StartsWith("v1.k1.", StringComparison.Ordinal) && !Equals(restored, stored), "an update that sets the secret stores it encrypted");
                    var cleared = await tickets.UpdateAsync(s_ann, a.Id, 3, secret: null);
                    Check(cleared is { Secret: null } && await Scalar("SELECT secret FROM tickets WHERE title = 'Alpha 2'") is null or DBNull, "an update that sets the secret to null clears it");
                }

                public async Task UpdateKeepOrSet()
                {
                    var a = await tickets.CreateAsync(s_ann, "Alpha", "body", TicketPriority.Low, s_due, estimate: 3, internalNote: "note");
                    var titled = await tickets.UpdateAsync(s_ann, a.Id, 1, title: "Alpha 2");
                    Check(titled is { Title: "Alpha 2", Body: "body", Priority: TicketPriority.Low, Estimate: 3, InternalNote: "note", Version: 2 }, "members not given keep their stored values; the version moves on");
                    Check(titled is not null && titled.CreatedAt == a.CreatedAt && titled.UpdatedAt >= a.UpdatedAt && titled.DueAt == s_due, "update keeps CreatedAt and moves UpdatedAt");
                    var nulled = await tickets.UpdateAsync(s_ann, a.Id, 2, estimate: null, internalNote: null, priority: TicketPriority.Urgent);
                    Check(nulled is { Title: "Alpha 2", Estimate: null, InternalNote: null, Priority: TicketPriority.Urgent, Version: 3 }, "a nullable member given null is cleared; a value is set");
                    var patched = await tickets.UpdateAsync(s_ann, a.Id, 3, title: Change.UnlessNull((string?)null), estimate: Change.UnlessNull<int?>(7), dueAt: Change.UnlessNull((DateTimeOffset?)null));
                    Check(patched is { Title: "Alpha 2", Estimate: 7, Version: 4 } && patched.DueAt == s_due, "Change.UnlessNull keeps a member when null and sets it otherwise");
                    var nothing = await tickets.UpdateAsync(s_ann, a.Id, 4);
                    Check(nothing is { Title: "Alpha 2", Estimate: 7, Version: 5 }, "an update with no members only moves the version and stamp");
                    Check((await tickets.FindAsync(s_ann, a.Id)) is { Title: "Alpha 2", Estimate: 7, Version: 5 }, "what the update returns is what is stored");

                    var shelf = await shelves.CreateAsync(s_ann, "Top", false, 12.5m);
                    var renamed = await shelves.UpdateAsync(s_bob, shelf.Id, name: "Middle");
                    Check(renamed is { Name: "Middle", Archived: false, Capacity: 12.5m }, "an unversioned resource updates in one call without a version, keeping what is not given");
                }

                public async Task UpdateConcurrency()
                {
                    var a = await New(s_ann, "Alpha");
                    Check(await Throws<PreconditionRequiredException>(() => tickets.UpdateAsync(s_ann, a.Id, null, title: "Alpha 2")), "update without a version is refused");
                    Check(await tickets.UpdateAsync(s_bob, a.Id, null, title: "Stolen") is null, "another owner's update without a version finds nothing rather than asking for one");
                    Check(await Throws<ConcurrencyConflictException>(() => tickets.UpdateAsync(s_ann, a.Id, 7, title: "Alpha 2")), "a stale version conflicts");
                    Check((await tickets.UpdateAsync(s_ann, a.Id, 1, title: "First")) is { Version: 2 }, "the current version updates");
                    Check(await Throws<ConcurrencyConflictException>(() => tickets.UpdateAsync(s_ann, a.Id, 1, title: "Second")), "a second writer with the same version conflicts");
                    Check((await tickets.FindAsync(s_ann, a.Id))?.Title == "First", "the conflicting update changed nothing");
                    Check(await tickets.UpdateAsync(s_ann, Guid.NewGuid(), 1, title: "Nobody") is null, "an unknown key is null, not a conflict");
                }

                public async Task DeleteConcurrency()
                {
                    var a = await New(s_ann, "Alpha");
                    Check(await Throws<ConcurrencyConflictException>(() => tickets.DeleteAsync(s_ann, a.Id, expectedVersion: 7)), "a stale delete conflicts");
                    Check(!await tickets.DeleteAsync(s_bob, a.Id, expectedVersion: 1), "another owner's delete finds nothing (no conflict either)");
                    Check(await tickets.DeleteAsync(s_ann, a.Id, expectedVersion: 1), "the current version deletes");
                    var b = await New(s_ann, "Bravo");
                    Check(await tickets.DeleteAsync(s_ann, b.Id), "a delete without a version is unconditional");
                }

                public async Task Cursors()
                {
                    foreach (var title in new[] { "Alpha", "Charlie", "Delta", "Echo", "Foxtrot", "Golf" })
                    {
                        await New(s_ann, title);
                    }

                    await New(s_bob, "Bravo");
                    var seen = new List<string>();
                    var request = new PageRequest { Limit = 2, Sort = "-title" };
                    while (true)
                    {
                        var page = await tickets.ListAsync(s_ann, request);
                        seen.AddRange(page.Items.Select(t => t.Title));
                        if (page.NextCursor is null)
                        {
                            break;
                        }

                        Check(await Throws<ForeignCursorException>(() => tickets.ListAsync(s_bob, new PageRequest { Limit = 2, Sort = "-title", Cursor = page.NextCursor })), "another caller cannot use the cursor");
                        Check(await Throws<ForeignCursorException>(() => tickets.ListAsync(s_ann, new PageRequest { Limit = 2, Sort = "title", Cursor = page.NextCursor })), "the cursor is bound to its sort");
                        request = new PageRequest { Limit = 2, Sort = "-title", Cursor = page.NextCursor };
                    }

                    Check(string.Join(",", seen) == "Golf,Foxtrot,Echo,Delta,Charlie,Alpha", "pages by -title cover the owner's rows once, in order: " + string.Join(",", seen));
                    var byKey = new List<Guid>();
                    var next = (string?)null;
                    do
                    {
                        var page = await tickets.ListAsync(s_ann, new PageRequest { Limit = 4, Cursor = next });
                        byKey.AddRange(page.Items.Select(t => t.Id));
                        next = page.NextCursor;
                    }
                    while (next is not null);
                    Check(byKey.Count == 6 && byKey.SequenceEqual(byKey.Order()), "pages in key order cover the owner's rows once");
                }

                public async Task FiltersAndSorts()
                {
                    foreach (var title in new[] { "Delta", "Echo", "Foxtrot" })
                    {
                        await New(s_ann, title, title == "Echo" ? TicketPriority.Urgent : TicketPriority.Low);
                    }

                    var byDate = await tickets.ListAsync(s_ann, new PageRequest { Limit = 100, Sort = "createdAt" });
                    Check(byDate.Items.Select(t => t.CreatedAt).SequenceEqual(byDate.Items.Select(t => t.CreatedAt).Order()), "sort by a timestamp");
                    var urgent = await tickets.ListAsync(s_ann, new PageRequest { Filters = new Dictionary<string, string> { ["priority"] = "urgent" } });
                    Check(urgent.Items.Count == 1 && urgent.Items[0].Title == "Echo", "filter by an enum name");
                    var named = await tickets.ListAsync(s_ann, new PageRequest { Filters = new Dictionary<string, string> { ["title"] = "Delta" } });
                    Check(named.Items.Select(t => t.Title).SequenceEqual(["Delta"]), "filter by a string");
                    Check(await Throws<InvalidListRequestException>(() => tickets.ListAsync(s_ann, new PageRequest { Sort = "body" })), "sorting by a member that is not sortable is refused");
                    Check(await Throws<InvalidListRequestException>(() => tickets.ListAsync(s_ann, new PageRequest { Filters = new Dictionary<string, string> { ["ownerId"] = "bob" } })), "filtering by a member that is not filterable is refused");
                }

                public async Task SequentialTenantKeys()
                {
                    var shelf = await shelves.CreateAsync(s_ann, "Top", false, 12.5m);
                    var second = await shelves.CreateAsync(s_bob, "Bottom", true, 1m);
                    Check(shelf.Id > 0 && second.Id > shelf.Id && shelf.TenantId == "t1" && shelf.Capacity == 12.5m, "a sequential key is assigned by the database");
                    Check((await shelves.FindAsync(s_bob, shelf.Id))?.Name == "Top", "a tenant member finds a tenant row");
                    Check(await shelves.FindAsync(s_carol, shelf.Id) is null, "another tenant cannot find it");
                    Check(await shelves.UpdateAsync(s_carol, shelf.Id, name: "Mine") is null, "another tenant cannot update it");
                    Check(!await shelves.DeleteAsync(s_carol, shelf.Id), "another tenant cannot delete it");
                    Check(await shelves.DeleteAsync(s_bob, shelf.Id), "a tenant member can delete it");
                }

                private async Task<object?> Scalar(string sql)
                {
                    await using var connection = await database.OpenAsync(default);
                    await using var command = global::SecureApi.Infrastructure.Db.Command(connection, sql);
                    var value = await command.ExecuteScalarAsync();
                    return value is DBNull ? null : value;
                }
            }

            private static async Task<bool> Throws<TException>(Func<Task> action)
                where TException : Exception
            {
                try
                {
                    await action();
                    return false;
                }
                catch (TException)
                {
                    return true;
                }
            }

            private static Caller CallerOf(string subject, string? tenant)
            {
                var claims = new List<Claim> { new("sub", subject) };
                if (tenant is not null)
                {
                    claims.Add(new Claim("tenant", tenant));
                }

                return Caller.From(new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity(claims, "Probe")) });
            }

            private sealed class Environment(string root) : IHostEnvironment
            {
                public string EnvironmentName { get; set; } = "Probe";

                public string ApplicationName { get; set; } = "Probe";

                public string ContentRootPath { get; set; } = root;

                public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
            }

            private sealed class Monitor(SecureApiOptions value) : IOptionsMonitor<SecureApiOptions>
            {
                public SecureApiOptions CurrentValue => value;

                public SecureApiOptions Get(string? name) => value;

                public IDisposable? OnChange(Action<SecureApiOptions, string?> listener) => null;
            }
        }
        """;
}

using System.Runtime.Loader;

namespace SecureApi.Generators.Tests;

/// <summary>
/// Runs the stores generated for the representative resources against SQLite and a throwaway PostgreSQL: scoping by owner and tenant,
/// the admin store, encryption at rest, optimistic concurrency and signed cursors, as generated (not as hand-written).
/// The probe is compiled with the service, so it uses the generated types directly.
/// </summary>
public sealed class ResourceStoreRuntimeTests
{
    private const string Probe = """
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
            private static readonly List<string> s_failures = [];

            /// <summary>Runs every scenario; returns the failed expectations, one per line (empty when all hold).</summary>
            public static async Task<string> RunAsync(string directory, string? postgreSql)
            {
                s_failures.Clear();
                var options = new SecureApiOptions();
                options.Database.SqlitePath = Path.Combine(directory, "probe.db");
                options.Database.PostgreSql = postgreSql;
                options.Encryption.ActiveKeyId = "k1";
                options.Encryption.Keys["k1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
                await using var database = new SecureApiDatabase(Options.Create(options), new Environment(directory));
                var postgres = database.Dialect == SqlDialect.PostgreSql;
                Check(postgres == postgreSql is not null, "the database is the engine asked for");
                await using (var connection = await database.OpenAsync(default))
                {
                    foreach (var schema in postgres ? new[] { TicketSql.PostgreSqlSchema, ShelfSql.PostgreSqlSchema } : new[] { TicketSql.SqliteSchema, ShelfSql.SqliteSchema })
                    {
                        await using var command = Db.Command(connection, schema);
                        await command.ExecuteNonQueryAsync();
                    }
                }

                var cursors = new CursorProtector(Options.Create(options));
                var tickets = new TicketStore(database, new FieldEncryption(new Monitor(options)), cursors);
                var admin = new TicketAdminStore(database, cursors);
                var shelves = new ShelfStore(database, new FieldEncryption(new Monitor(options)), cursors);
                var ann = CallerOf("ann", "t1");
                var bob = CallerOf("bob", "t1");
                var carol = CallerOf("ann", "t2"); // same subject, other tenant
                var dave = CallerOf("dave", null);

                // Create: the server sets key, owner, tenant, stamps and version, whatever the draft says.
                var a = await tickets.CreateAsync(ann, Draft("Alpha") with { Id = Guid.Empty, OwnerId = "bob", TenantId = "t2", Version = 42, Secret = "s3cret" });
                Check(a.Id != Guid.Empty && a.OwnerId == "ann" && a.TenantId == "t1" && a.Version == 1, "create sets key, owner, tenant and version");
                Check(a.CreatedAt > DateTimeOffset.UtcNow.AddMinutes(-1) && a.UpdatedAt == a.CreatedAt, "create stamps CreatedAt and UpdatedAt");
                Check(a.Secret == "s3cret", "create returns the decrypted secret to its owner");
                var b = await tickets.CreateAsync(bob, Draft("Bravo"));

                // Find: not yours and not found are the same null.
                Check((await tickets.FindAsync(ann, a.Id))?.Secret == "s3cret", "owner finds and decrypts");
                Check(await tickets.FindAsync(bob, a.Id) is null, "another owner in the same tenant cannot find it");
                Check(await tickets.FindAsync(carol, a.Id) is null, "the same subject in another tenant cannot find it");
                Check(await Throws<MissingTenantException>(() => tickets.FindAsync(dave, a.Id)), "a caller without a tenant is refused");

                // Encryption at rest, bound to its row.
                var stored = await Scalar(database, "SELECT secret FROM tickets WHERE title = 'Alpha'");
                Check(stored is string text && text.StartsWith("v1.k1.", StringComparison.Ordinal) && !text.Contains("s3cret", StringComparison.Ordinal), "the secret is stored encrypted with its key id");
                var c = await tickets.CreateAsync(ann, Draft("Charlie"));
                await Scalar(database, "UPDATE tickets SET secret = (SELECT secret FROM tickets WHERE title = 'Alpha') WHERE title = 'Charlie'");
                Check(await Throws<CryptographicException>(() => tickets.FindAsync(ann, c.Id)), "a ciphertext copied into another row does not decrypt");
                await Scalar(database, "UPDATE tickets SET secret = NULL WHERE title = 'Charlie'");

                // Update: scoped, versioned, If-Match required.
                Check(await Throws<PreconditionRequiredException>(() => tickets.UpdateAsync(ann, a with { Title = "Alpha 2" }, null)), "update without a version is refused");
                Check(await tickets.UpdateAsync(bob, a with { Title = "Stolen" }, 1) is null, "another owner's update finds nothing (no conflict either)");
                Check(await Throws<ConcurrencyConflictException>(() => tickets.UpdateAsync(ann, a with { Title = "Alpha 2" }, 7)), "a stale version conflicts");
                var a2 = await tickets.UpdateAsync(ann, a with { Title = "Alpha 2", OwnerId = "bob", TenantId = "t2", CreatedAt = DateTimeOffset.UnixEpoch, Version = 99 }, 1);
                Check(a2 is { Title: "Alpha 2", OwnerId: "ann", TenantId: "t1", Version: 2, Secret: "s3cret" }, "update writes client data only and bumps the version");
                Check(a2 is not null && a2.CreatedAt == a.CreatedAt && a2.UpdatedAt >= a.UpdatedAt, "update keeps CreatedAt and moves UpdatedAt");

                // Delete: scoped; a stale version conflicts.
                Check(!await tickets.DeleteAsync(bob, a.Id), "another owner cannot delete");
                Check(await Throws<ConcurrencyConflictException>(() => tickets.DeleteAsync(ann, a.Id, expectedVersion: 1)), "a stale delete conflicts");

                // Admin: every row, never decrypted.
                var everything = await admin.ListAsync(new PageRequest());
                Check(everything.Items.Count == 3, "the admin store lists every owner's rows");
                Check(everything.Items.All(t => t.Secret is null), "the admin store never decrypts");
                Check((await admin.FindAsync(b.Id))?.OwnerId == "bob", "the admin store finds any row");

                // Lists: scoped, keyset-paged by a sort member, filtered, cursors bound to the caller and query.
                foreach (var title in new[] { "Delta", "Echo", "Foxtrot", "Golf" })
                {
                    await tickets.CreateAsync(ann, Draft(title) with { Priority = title == "Echo" ? TicketPriority.Urgent : TicketPriority.Low });
                }

                var seen = new List<string>();
                var request = new PageRequest { Limit = 2, Sort = "-title" };
                while (true)
                {
                    var page = await tickets.ListAsync(ann, request);
                    seen.AddRange(page.Items.Select(t => t.Title));
                    if (page.NextCursor is null)
                    {
                        break;
                    }

                    Check(await Throws<ForeignCursorException>(() => tickets.ListAsync(bob, new PageRequest { Limit = 2, Sort = "-title", Cursor = page.NextCursor })), "another caller cannot use the cursor");
                    Check(await Throws<ForeignCursorException>(() => tickets.ListAsync(ann, new PageRequest { Limit = 2, Sort = "title", Cursor = page.NextCursor })), "the cursor is bound to its sort");
                    request = new PageRequest { Limit = 2, Sort = "-title", Cursor = page.NextCursor };
                }

                Check(string.Join(",", seen) == "Golf,Foxtrot,Echo,Delta,Charlie,Alpha 2", "pages by -title cover the owner's rows once, in order: " + string.Join(",", seen));
                var byDate = await tickets.ListAsync(ann, new PageRequest { Limit = 100, Sort = "createdAt" });
                Check(byDate.Items.Select(t => t.CreatedAt).SequenceEqual(byDate.Items.Select(t => t.CreatedAt).Order()), "sort by a timestamp");
                var urgent = await tickets.ListAsync(ann, new PageRequest { Filters = new Dictionary<string, string> { ["priority"] = "urgent" } });
                Check(urgent.Items.Count == 1 && urgent.Items[0].Title == "Echo", "filter by an enum name");
                Check(await Throws<InvalidListRequestException>(() => tickets.ListAsync(ann, new PageRequest { Sort = "body" })), "sorting by a member that is not sortable is refused");
                Check(await Throws<InvalidListRequestException>(() => tickets.ListAsync(ann, new PageRequest { Filters = new Dictionary<string, string> { ["ownerId"] = "bob" } })), "filtering by a member that is not filterable is refused");
                Check((await tickets.ListAsync(bob, new PageRequest())).Items.Select(t => t.Title).SequenceEqual(["Bravo"]), "bob lists only his own");

                // A tenant-only resource with a sequential key: shared within the tenant, invisible outside it.
                var shelf = await shelves.CreateAsync(ann, new Shelf(0, "t9", "Top", false, 12.5m));
                Check(shelf.Id > 0 && shelf.TenantId == "t1" && shelf.Capacity == 12.5m, "a sequential key is assigned by the database");
                Check((await shelves.FindAsync(bob, shelf.Id))?.Name == "Top", "a tenant member finds a tenant row");
                Check(await shelves.FindAsync(carol, shelf.Id) is null, "another tenant cannot find it");
                Check(await shelves.UpdateAsync(carol, shelf with { Name = "Mine" }, null) is null, "another tenant cannot update it");
                Check(!await shelves.DeleteAsync(carol, shelf.Id), "another tenant cannot delete it");
                Check(await shelves.DeleteAsync(bob, shelf.Id), "a tenant member can delete it");

                return string.Join("\n", s_failures);
            }

            private static Ticket Draft(string title) => new()
            {
                Title = title,
                Body = "body of " + title,
                Priority = TicketPriority.Normal,
                DueAt = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)),
            };

            private static void Check(bool condition, string expectation)
            {
                if (!condition)
                {
                    s_failures.Add(expectation);
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

            private static async Task<object?> Scalar(SecureApiDatabase database, string sql)
            {
                await using var connection = await database.OpenAsync(default);
                await using var command = Db.Command(connection, sql);
                return await command.ExecuteScalarAsync();
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

    [Fact]
    public async Task GeneratedStoresKeepEveryCallerToTheirOwnRowsOnSqlite()
    {
        await RunProbeAsync(postgreSql: null);
    }

    [Fact]
    public async Task GeneratedStoresKeepEveryCallerToTheirOwnRowsOnPostgreSql()
    {
        await using var cluster = await PostgresCluster.StartAsync();

        await RunProbeAsync(cluster.ConnectionString);
    }

    private static async Task RunProbeAsync(string? postgreSql)
    {
        var run = GeneratorHarness.Run([.. RepresentativeService.Sources, Probe]);
        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationProblems);

        using var image = new MemoryStream();
        var emitted = run.Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        var directory = Directory.CreateTempSubdirectory("secureapi-store-probe-");
        var context = new AssemblyLoadContext("StoreProbe", isCollectible: true);
        try
        {
            var probe = context.LoadFromStream(image).GetType("Shop.Api.StoreProbe")!
                .GetMethod("RunAsync")!
                .CreateDelegate<Func<string, string?, Task<string>>>();

            var failures = await probe(directory.FullName, postgreSql);

            Assert.True(failures.Length == 0, "Expectations that did not hold:\n" + failures);
        }
        finally
        {
            context.Unload();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }
}

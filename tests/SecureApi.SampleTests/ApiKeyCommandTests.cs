using System.Net;
using SecureApi.SampleTests.Infrastructure;
using static SecureApi.SampleTests.Infrastructure.Api;

namespace SecureApi.SampleTests;

/// <summary>
/// The service's own <c>keys</c> command, run as an operator runs it (the built sample as a child process, on the same
/// database as the running service): the key it prints authenticates, the list never shows it, and a revocation is
/// refused on the next request.
/// </summary>
public abstract class ApiKeyCommandTests(ClassDatabase database, IEngine engine) : SampleTestBase(database, engine)
{
    [Fact]
    public async Task AKeyMintedByTheCommandAuthenticatesAsItsSubject()
    {
        var key = await CreateAsync("reports-bot-" + Engine.GetType().Name);
        using var client = KeyAdmin.ClientWithKey(Factory, key);

        var note = await CreateNoteAsync(client, "from the command's key");

        Assert.Equal("reports-bot-" + Engine.GetType().Name, note.OwnerId);
    }

    [Fact]
    public async Task TheCommandPrintsOnlyTheKeyOnStandardOutput()
    {
        var (exitCode, output, _) = await SampleCommand.RunAsync(Target, "keys", "create", "--subject", "printer-bot", "--kind", "service", "--scope", "notes:read", "--expires", "90d");

        Assert.Equal((0, ApiKeyText.Length), (exitCode, output.Trim().Length));
    }

    [Fact]
    public async Task TheCommandsListNeverShowsTheKey()
    {
        var key = await CreateAsync("listed-bot");

        var (exitCode, output, _) = await SampleCommand.RunAsync(Target, "keys", "list", "--subject", "listed-bot");

        Assert.Equal(0, exitCode);
        Assert.Contains(ApiKeyText.Id(key), output, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKeyText.Secret(key), output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCommandMintsAKeyWithATierAndListsIt()
    {
        var (_, output, _) = await SampleCommand.RunAsync(Target, "keys", "create", "--subject", "tiered-bot", "--tier", "premium", "--expires", "1d");

        var (exitCode, listed, _) = await SampleCommand.RunAsync(Target, "keys", "list", "--subject", "tiered-bot");

        Assert.Equal(0, exitCode);
        var row = listed.Split('\n').Single(line => line.StartsWith(ApiKeyText.Id(output.Trim()), StringComparison.Ordinal)).Split('\t');
        Assert.Equal(("tiered-bot", "premium"), (row[1], row[4]));
    }

    [Fact]
    public async Task AKeyRevokedByTheCommandIsRefusedOnTheNextRequest()
    {
        var key = await CreateAsync("revoked-bot");
        Assert.Equal(HttpStatusCode.OK, await KeyAdmin.StatusWithAsync(Factory, key));

        var (exitCode, _, error) = await SampleCommand.RunAsync(Target, "keys", "revoke", ApiKeyText.Id(key));
        Assert.True(exitCode == 0, error);

        Assert.Equal(HttpStatusCode.Unauthorized, await KeyAdmin.StatusWithAsync(Factory, key));
    }

    [Fact]
    public async Task AnInvalidCreateIsRefusedWithUsageAndMintsNothing()
    {
        var (exitCode, output, _) = await SampleCommand.RunAsync(Target, "keys", "create", "--subject", "bad-bot", "--kind", "robot");

        Assert.Equal((2, ""), (exitCode, output.Trim()));
    }

    /// <summary>The runtime owns the commands now; <c>schema --sql</c> prints the DDL, the key table included.</summary>
    [Fact]
    public async Task TheSchemaCommandPrintsTheApiKeyTable()
    {
        var (exitCode, output, _) = await SampleCommand.RunAsync(Target, "schema", "--sql");

        Assert.Equal((0, true), (exitCode, output.Contains("CREATE TABLE IF NOT EXISTS secureapi_api_keys", StringComparison.Ordinal)));
    }

    private async Task<string> CreateAsync(string subject)
    {
        var (exitCode, output, error) = await SampleCommand.RunAsync(Target, "keys", "create", "--subject", subject, "--kind", "agent", "--scope", "notes:read notes:write", "--expires", "90d");
        Assert.True(exitCode == 0, $"keys create exited with {exitCode}: {error}");
        return output.Trim();
    }
}

public sealed class SqliteApiKeyCommandTests(ClassDatabase database) : ApiKeyCommandTests(database, new SqliteEngine());

[Collection(SharedPostgresServer.Name)]
public sealed class PostgresApiKeyCommandTests(PostgresServer server, ClassDatabase database) : ApiKeyCommandTests(database, new PostgresEngine(server));

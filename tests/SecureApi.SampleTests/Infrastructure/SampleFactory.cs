using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.SampleTests.OpenApi;
using Microsoft.Extensions.Hosting;
using SecureApi.Testing;

namespace SecureApi.SampleTests.Infrastructure;

/// <summary>
/// A caller the test configuration knows: its API key is configured only as a SHA-256 hash. Unless a test says
/// otherwise it is a person (<c>ClientKind</c> User) granted every scope the sample's people use.
/// </summary>
public sealed record TestCaller(string Subject, string? Tenant, params string[] Roles)
{
    public static readonly IReadOnlyList<string> PersonScopes = ["notes:read", "notes:write", "docs:read", "docs:write"];

    public IReadOnlyList<string> Scopes { get; init; } = PersonScopes;

    /// <summary>The configured key's <c>ClientKind</c>: User, Service or Agent.</summary>
    public string ClientKind { get; init; } = "User";

    public string ApiKey => "sampletests-key-" + Subject;

    public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ApiKey)));
}

/// <summary>
/// Hosts the NotesService sample (in Development unless <see cref="Environment"/> says otherwise) on one database. On top of the sample's own configuration it adds
/// the test callers' API keys, the encryption key <c>k1</c> (active), and a rate limit no test reaches. Every client it
/// makes fails its request the moment a response has a status the sample's OpenAPI document does not list for the
/// operation (<see cref="DocumentedStatusHandler"/>); a client made any other way is refused, so none escapes the check.
/// </summary>
public sealed class SampleFactory : WebApplicationFactory<Program>
{
    public const string ActiveKeyId = "k1";

    /// <summary>
    /// alice and bob share tenant acme; carol is in globex; ada is acme's admin; dave has no tenant; monitor is a
    /// service of acme that reads the request stats.
    /// </summary>
    public static readonly IReadOnlyList<TestCaller> NamedCallers =
    [
        new("alice", "acme"),
        new("bob", "acme"),
        new("carol", "globex"),
        new("ada", "acme", "admin"),
        new("dave", null),
        new("monitor", "acme") { ClientKind = "Service", Scopes = ["stats:read", "docs:read"] },
    ];

    /// <summary>The API-key callers of the authorisation matrix (<c>AuthorizationMatrixTests</c>), all in tenant matrix.</summary>
    public static readonly IReadOnlyList<TestCaller> MatrixCallers =
    [
        new("matrix-no-scopes", "matrix") { Scopes = [] },
        new("matrix-reader", "matrix") { Scopes = ["notes:read", "docs:read"] },
        new("matrix-writer", "matrix") { Scopes = ["notes:read", "notes:write", "docs:read", "docs:write"] },
        new("matrix-admin", "matrix", "admin") { Scopes = [] },
        new("matrix-service", "matrix") { ClientKind = "Service", Scopes = ["notes:read", "notes:write", "docs:read", "docs:write", "stats:read"] },
    ];

    /// <summary>Callers no other test uses, for tests that must see exactly their own rows: fresh-01 … fresh-120, each in its own tenant.</summary>
    public static readonly IReadOnlyList<TestCaller> FreshCallers =
        [.. Enumerable.Range(1, 120).Select(i => new TestCaller(string.Create(CultureInfo.InvariantCulture, $"fresh-{i:00}"), string.Create(CultureInfo.InvariantCulture, $"tenant-{i:00}")))];

    private static int s_nextFresh = -1;

    /// <summary>Set while this class makes a checked client, so <see cref="ConfigureClient"/> can refuse any other.</summary>
    private static readonly AsyncLocal<bool> s_makingCheckedClient = new();

    private static IEnumerable<TestCaller> AllCallers => NamedCallers.Concat(MatrixCallers).Concat(FreshCallers);

    private readonly DatabaseTarget _target;
    private readonly IReadOnlyDictionary<string, string?>? _overrides;
    private readonly ConcurrentDictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);

    public SampleFactory(DatabaseTarget target, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        _target = target;
        _overrides = overrides;
    }

    public DatabaseTarget Target => _target;

    /// <summary>The host environment; Development unless a test needs what happens outside it.</summary>
    public string Environment { get; init; } = "Development";

    /// <summary>Whether clients check each status against the OpenAPI document; off only for the host that fetches the document.</summary>
    public bool ChecksStatuses { get; init; } = true;

    /// <summary>When set, every log event the service writes is kept here too.</summary>
    public CapturedLogs? Logs { get; init; }

    /// <summary>A 32-byte AES key, base64, derived from its id so every factory agrees on it.</summary>
    public static string EncryptionKey(string keyId) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes("sampletests-encryption-" + keyId)));

    /// <summary>A caller that has no rows in any database yet (unique across the test run).</summary>
    public static TestCaller NewFreshCaller()
    {
        var index = Interlocked.Increment(ref s_nextFresh);
        return index < FreshCallers.Count
            ? FreshCallers[index]
            : throw new InvalidOperationException($"Only {FreshCallers.Count} fresh callers are configured; add more in SampleFactory.");
    }

    /// <summary>A client that authenticates as <paramref name="subject"/> with <c>X-Api-Key</c>.</summary>
    public HttpClient ClientFor(string subject) => _clients.GetOrAdd(subject, s =>
    {
        var caller = AllCallers.SingleOrDefault(c => c.Subject == s)
            ?? throw new ArgumentException($"No test caller '{s}'.", nameof(subject));
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", caller.ApiKey);
        return client;
    });

    /// <summary>A new anonymous client whose every response is checked against the OpenAPI document.</summary>
    public new HttpClient CreateClient() => CheckedClient(this);

    /// <inheritdoc cref="CreateClient()"/>
    public new HttpClient CreateClient(WebApplicationFactoryClientOptions options) => CheckedClient(this, options);

    /// <summary>
    /// A client of <paramref name="app"/> (this factory, or one made from it with <c>WithWebHostBuilder</c>) with the
    /// same handlers <c>CreateClient</c> has, plus the documented-status check.
    /// </summary>
    public static HttpClient CheckedClient(WebApplicationFactory<Program> app, WebApplicationFactoryClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        options ??= app.ClientOptions;
        s_makingCheckedClient.Value = true;
        try
        {
            return app.CreateDefaultClient(
                options.BaseAddress,
                new RedirectHandler(options.MaxAutomaticRedirections),
                new CookieContainerHandler(),
                new DocumentedStatusHandler(SampleDocument.StatusesAsync));
        }
        finally
        {
            s_makingCheckedClient.Value = false;
        }
    }

    /// <summary>
    /// Refuses a client made by WebApplicationFactory's own <c>CreateClient</c> (say of a <c>WithWebHostBuilder</c>
    /// factory), which would not check statuses: use <see cref="CheckedClient"/>.
    /// </summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        if (ChecksStatuses && !s_makingCheckedClient.Value)
        {
            throw new InvalidOperationException($"Make sample clients with SampleFactory.{nameof(CreateClient)}, {nameof(ClientFor)} or {nameof(CheckedClient)}, so every status is checked against the OpenAPI document.");
        }
    }

    public HttpClient ClientFor(TestCaller caller) => ClientFor(caller.Subject);

    public HttpClient AnonymousClient() => _clients.GetOrAdd("", _ => CreateClient());

    /// <summary>A start-up that fails reaches the test as its own exception (see <see cref="StartGate"/>).</summary>
    protected override IHost CreateHost(IHostBuilder builder) => StartGate.Start(builder, base.CreateHost);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(Settings()));
        if (Logs is { } logs)
        {
            builder.ConfigureServices(services => services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logs));
        }
    }

    private Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["SecureApi:RateLimitPermits"] = "1000000",
            ["SecureApi:Detection:Enabled"] = "false", // the suite's refusals from one address would trip the detectors; BlockTests turn them on
            ["SecureApi:RateLimiting:Policies:sensitive:Permits"] = "1000000", // the suite mints many keys; SensitiveLimitTests keeps the default
            ["SecureApi:RateLimiting:Policies:sensitive:LockoutFailures"] = "0", // the matrix tests are refused /admin/keys often; LockoutTests turns it on

            // A developer who ran `dotnet user-jwts create` for the sample has a signing key in user secrets; without
            // an issuer it matches nothing, so the suite sees the same API-key-only service on every machine.
            ["Authentication:Schemes:Bearer:ValidIssuer"] = "",
            ["SecureApi:Encryption:ActiveKeyId"] = ActiveKeyId,
            ["SecureApi:Encryption:Keys:" + ActiveKeyId] = EncryptionKey(ActiveKeyId),
        };

        // After the keys appsettings.Development.json configures (indexes 0-4), so those stay as they are.
        var index = 100;
        foreach (var caller in AllCallers)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"SecureApi:Authentication:ApiKeys:Static:{index++}:");
            settings[prefix + "Subject"] = caller.Subject;
            settings[prefix + "Sha256"] = caller.Sha256;
            settings[prefix + "ClientKind"] = caller.ClientKind;
            for (var scope = 0; scope < caller.Scopes.Count; scope++)
            {
                settings[prefix + "Scopes:" + scope.ToString(CultureInfo.InvariantCulture)] = caller.Scopes[scope];
            }

            if (caller.Tenant is not null)
            {
                settings[prefix + "Tenant"] = caller.Tenant;
            }

            for (var role = 0; role < caller.Roles.Length; role++)
            {
                settings[prefix + "Roles:" + role.ToString(CultureInfo.InvariantCulture)] = caller.Roles[role];
            }
        }

        foreach (var (key, value) in _target.DatabaseSettings)
        {
            settings[key] = value;
        }

        foreach (var (key, value) in _overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }
}

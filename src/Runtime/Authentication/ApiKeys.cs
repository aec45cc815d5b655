using System.Data;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SecureApi.Auditing;
using SecureApi.Data;
using SecureApi.Infrastructure;

namespace SecureApi.Authentication;

/// <summary>
/// Mints, lists and revokes the API keys stored in the service's database (table <c>secureapi_api_keys</c>). A minted
/// key is returned once; only the SHA-256 of it is stored. Nothing is cached: authentication reads the key's row on every
/// request, so a revocation is seen by the very next request on every instance that shares the database.
/// </summary>
public sealed class ApiKeys
{
    private const int MaxTextLength = 200;
    private const int MaxTokenLength = 100;
    private const int MaxTokens = 50;

    /// <summary>The resource name of key records in the audit trail.</summary>
    private const string AuditResource = "api_keys";

    private readonly SecureApiDatabase _database;
    private readonly IOptionsMonitor<SecureApiOptions> _options;
    private readonly TimeProvider _time;
    private readonly AuditTrail _audit;
    private readonly SecureApi.Monitoring.SecurityEvents? _events;

    public ApiKeys(SecureApiDatabase database, IOptionsMonitor<SecureApiOptions> options, TimeProvider time)
        : this(database, options, time, new AuditTrail(database, options, time, null), events: null)
    {
    }

    /// <summary>
    /// As AddSecureApi makes it: minting and revoking are recorded in the audit trail with the request's caller, and raise
    /// security events.
    /// </summary>
    internal ApiKeys(SecureApiDatabase database, IOptionsMonitor<SecureApiOptions> options, TimeProvider time, AuditTrail audit, SecureApi.Monitoring.SecurityEvents? events)
    {
        _events = events;
        _database = database;
        _options = options;
        _time = time;
        _audit = audit;

        // Stored keys live in the service's database; a service with no [Resource] has none (and creates none).
        IsAvailable = ResourceRegistry.Any();
    }

    /// <summary>False in a service without a database (no <c>[Resource]</c>): then only static keys exist.</summary>
    public bool IsAvailable { get; }

    /// <summary>Stores a new key and returns it; <see cref="MintedApiKey.Key"/> is never available again.</summary>
    /// <exception cref="InvalidApiKeyRequestException">A value of <paramref name="request"/> is not allowed.</exception>
    public async Task<MintedApiKey> CreateAsync(ApiKeyRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        EnsureAvailable();
        var now = _time.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % 10)); // whole microseconds, as PostgreSQL stores them: the answer shows what is stored
        var info = Validate(request, now, _options.CurrentValue.Authentication.ApiKeys);
        var (id, key) = ApiKeyFormat.Create();
        info = info with { Id = id };
        var hash = new byte[SHA256.HashSizeInBytes];
        Hash(key, hash);

        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken); // the key and its audit record, or neither
        await using var command = Db.Command(connection, ApiKeySql.Insert, transaction);
        Db.Parameter(command, "@id", id, DbType.String);
        Db.Parameter(command, "@secret_hash", hash, DbType.Binary);
        Db.Parameter(command, "@subject", info.Subject, DbType.String);
        Db.Parameter(command, "@tenant", info.Tenant, DbType.String);
        Db.Parameter(command, "@roles", string.Join(' ', info.Roles), DbType.String);
        Db.Parameter(command, "@scopes", string.Join(' ', info.Scopes), DbType.String);
        Db.Parameter(command, "@client_kind", ClientKindNames.Of(info.Kind), DbType.String);
        Db.Parameter(command, "@tier", info.Tier, DbType.String);
        Db.Parameter(command, "@name", info.Name, DbType.String);
        Db.Parameter(command, "@created_at", info.CreatedAt, DbType.DateTimeOffset);
        Db.Parameter(command, "@expires_at", info.ExpiresAt, DbType.DateTimeOffset);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await _audit.AppendAsync(transaction, null, AuditResource, id, AuditOperations.KeyMinted, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        // Also run by the `keys create` command, outside any request: the event names the id, never the key.
        _events?.Report(SecureApi.Monitoring.SecurityEventKind.KeyMinted, id, endpoint: "ApiKeys.Create");
        return new MintedApiKey(key, info);
    }

    /// <summary>Every stored key (of <paramref name="subject"/>, when given), oldest first, revoked and expired ones included.</summary>
    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(string? subject = null, CancellationToken cancellationToken = default)
    {
        EnsureAvailable();
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = Db.Command(connection, subject is null ? ApiKeySql.List : ApiKeySql.ListBySubject);
        if (subject is not null)
        {
            Db.Parameter(command, "@subject", subject, DbType.String);
        }

        var keys = new List<ApiKeyInfo>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(ReadInfo(reader));
        }

        return keys;
    }

    /// <summary>The stored key with <paramref name="id"/>, or null.</summary>
    public async Task<ApiKeyInfo?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        EnsureAvailable();
        if (!ApiKeyFormat.IsId(id))
        {
            return null;
        }

        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = Db.Command(connection, ApiKeySql.Get);
        Db.Parameter(command, "@id", id, DbType.String);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadInfo(reader) : null;
    }

    /// <summary>Revokes the key: the next request with it is refused. False when there is no such key; revoking twice is true.</summary>
    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        EnsureAvailable();
        if (!ApiKeyFormat.IsId(id))
        {
            return false;
        }

        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken); // the revocation and its audit record, or neither
        await using var command = Db.Command(connection, ApiKeySql.Revoke, transaction);
        Db.Parameter(command, "@id", id, DbType.String);
        Db.Parameter(command, "@now", _time.GetUtcNow(), DbType.DateTimeOffset);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            return false;
        }

        await _audit.AppendAsync(transaction, null, AuditResource, id, AuditOperations.KeyRevoked, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        _events?.Report(SecureApi.Monitoring.SecurityEventKind.KeyRevoked, id, endpoint: "ApiKeys.Revoke");
        return true;
    }

    /// <summary>What authentication reads: the row of a well-formed key's id, or null. Throws when the database is unavailable.</summary>
    internal async Task<StoredApiKey?> FindForAuthenticationAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = Db.Command(connection, ApiKeySql.Find);
        Db.Parameter(command, "@id", id, DbType.String);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StoredApiKey(
            reader.GetFieldValue<byte[]>(0),
            reader.GetString(1),
            reader.IsDBNull(2) ? null : reader.GetString(2),
            Split(reader.GetString(3)),
            Split(reader.GetString(4)),
            reader.GetString(5),
            reader.IsDBNull(6) ? null : Db.Time(reader, 6),
            reader.IsDBNull(7) ? null : Db.Time(reader, 7),
            reader.IsDBNull(8) ? null : reader.GetString(8));
    }

    internal TimeProvider Time => _time;

    /// <summary>The stored form of a key: SHA-256 of its UTF-8 text (the key carries 256 random bits; see README).</summary>
    internal static void Hash(string key, Span<byte> destination) => SHA256.HashData(Encoding.UTF8.GetBytes(key), destination);

    /// <summary>The stored kind; the table only ever holds names this code wrote.</summary>
    private static ClientKind ParseKind(string value) =>
        ClientKindNames.TryParse(value, out var kind) ? kind : throw new InvalidDataException($"Unknown client kind '{value}' in secureapi_api_keys.");

    private void EnsureAvailable()
    {
        if (!IsAvailable)
        {
            throw new InvalidOperationException("Stored API keys need the service's database, and this service declares no [Resource]. Use static keys (SecureApi:Authentication:ApiKeys:Static).");
        }
    }

    private static ApiKeyInfo ReadInfo(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        Split(reader.GetString(3)),
        Split(reader.GetString(4)),
        ParseKind(reader.GetString(5)),
        reader.GetString(6),
        Db.Time(reader, 7),
        reader.IsDBNull(8) ? null : Db.Time(reader, 8),
        reader.IsDBNull(9) ? null : Db.Time(reader, 9),
        reader.IsDBNull(10) ? null : reader.GetString(10));

    private static string[] Split(string joined) => joined.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The key's information from a request, or the first rule it breaks.</summary>
    private static ApiKeyInfo Validate(ApiKeyRequest request, DateTimeOffset now, ApiKeyOptions options)
    {
        var subject = Text(request.Subject, "subject", required: true)!;
        var tenant = Text(request.Tenant, "tenant", required: false);
        var name = Text(request.Name, "name", required: false) ?? "";
        var roles = Tokens(request.Roles, "roles");
        var scopes = Tokens(request.Scopes, "scopes");
        var tier = request.Tier;
        if (tier is not null && !RateLimiting.RateLimitTierNames.IsValid(tier))
        {
            throw new InvalidApiKeyRequestException("tier", RateLimiting.RateLimitTierNames.Rule);
        }
        if (!Enum.IsDefined(request.Kind))
        {
            throw new InvalidApiKeyRequestException("kind", "The client kind must be user, service or agent.");
        }

        var lifetime = request.Lifetime ?? (options.DefaultLifetimeDays > 0 ? TimeSpan.FromDays(options.DefaultLifetimeDays) : null);
        if (lifetime is { } given && given <= TimeSpan.Zero)
        {
            throw new InvalidApiKeyRequestException("lifetime", "The lifetime must be positive.");
        }

        if (options.MaxLifetimeDays > 0 && (lifetime is null || lifetime > TimeSpan.FromDays(options.MaxLifetimeDays)))
        {
            throw new InvalidApiKeyRequestException("lifetime", $"A key may be valid for at most {options.MaxLifetimeDays} days.");
        }

        return new ApiKeyInfo("", subject, tenant, roles, scopes, request.Kind, name, now, now + lifetime, null, tier);
    }

    private static string? Text(string? value, string member, bool required)
    {
        if (string.IsNullOrEmpty(value))
        {
            return required ? throw new InvalidApiKeyRequestException(member, $"The {member} is required.") : null;
        }

        if (value.Length > MaxTextLength || value.Any(char.IsControl) || value.Trim().Length != value.Length)
        {
            throw new InvalidApiKeyRequestException(member, $"The {member} must be 1-{MaxTextLength} characters without control characters or surrounding spaces.");
        }

        return value;
    }

    /// <summary>Role and scope names: OAuth scope-token characters (visible ASCII except quote and backslash), no duplicates.</summary>
    private static string[] Tokens(IReadOnlyList<string>? values, string member)
    {
        values ??= [];
        if (values.Count > MaxTokens)
        {
            throw new InvalidApiKeyRequestException(member, $"At most {MaxTokens} {member}.");
        }

        foreach (var value in values)
        {
            if (value is null || value.Length is 0 or > MaxTokenLength || value.Any(c => c is < '!' or > '~' or '"' or '\\'))
            {
                throw new InvalidApiKeyRequestException(member, $"Each of the {member} must be 1-{MaxTokenLength} visible ASCII characters without space, quote or backslash.");
            }
        }

        return [.. values.Distinct(StringComparer.Ordinal)];
    }
}

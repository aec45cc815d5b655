using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SecureApi.Data;
using SecureApi.Infrastructure;

namespace SecureApi.Hosting;

/// <summary>
/// Secrets come from configuration or the environment. Outside Development a missing one fails start-up with the name
/// of the setting, instead of the service quietly using a generated or development value; a malformed one fails
/// everywhere, at start-up rather than on the first request that needs it.
/// </summary>
internal sealed class SecretSettingsValidator(IHostEnvironment environment) : IValidateOptions<SecureApiOptions>
{
    private const int MinimumCursorKeyBytes = 32;
    private const int EncryptionKeyBytes = 32;

    public ValidateOptionsResult Validate(string? name, SecureApiOptions options)
    {
        var failures = new List<string>();
        var resources = ResourceRegistry.Snapshot();
        var strict = !environment.IsDevelopment();
        if (resources.Count > 0)
        {
            CheckCursorKey(options.Cursors, strict, failures);
            CheckEngine(options.Database, strict, failures);
        }

        if (resources.Any(r => r.HasEncryptedMembers))
        {
            CheckActiveEncryptionKey(options.Encryption, failures);
        }

        foreach (var (id, key) in options.Encryption.Keys)
        {
            if (DecodedLength(key) != EncryptionKeyBytes)
            {
                failures.Add($"SecureApi:Encryption:Keys:{id} must be base64 of exactly {EncryptionKeyBytes} random bytes (AES-256).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void CheckCursorKey(CursorOptions cursors, bool strict, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(cursors.Key))
        {
            if (strict)
            {
                failures.Add($"SecureApi:Cursors:Key is not set. Outside Development ({environment.EnvironmentName}) list cursors are signed with a configured key, never a random per-process one: set it (environment variable SecureApi__Cursors__Key) to base64 of at least {MinimumCursorKeyBytes} random bytes, e.g. `openssl rand -base64 32`.");
            }
        }
        else if (DecodedLength(cursors.Key) < MinimumCursorKeyBytes)
        {
            failures.Add($"SecureApi:Cursors:Key must be base64 of at least {MinimumCursorKeyBytes} random bytes.");
        }
    }

    private void CheckEngine(DatabaseOptions database, bool strict, List<string> failures)
    {
        var hasConnectionString = !string.IsNullOrWhiteSpace(database.PostgreSql);
        switch (database.Engine)
        {
            case null when strict:
                failures.Add($"SecureApi:Database:Engine is not set. Outside Development ({environment.EnvironmentName}) name the engine (Sqlite or PostgreSql), so a missing connection string cannot quietly fall back to a local SQLite file.");
                break;
            case SqlDialect.PostgreSql when !hasConnectionString:
                failures.Add("SecureApi:Database:PostgreSql is not set, but SecureApi:Database:Engine is PostgreSql: provide the connection string (environment variable SecureApi__Database__PostgreSql or a secret store).");
                break;
            case SqlDialect.Sqlite when hasConnectionString:
                failures.Add("SecureApi:Database:Engine is Sqlite, but SecureApi:Database:PostgreSql is set: remove one, so it is clear which database holds the data.");
                break;
        }
    }

    private static void CheckActiveEncryptionKey(EncryptionOptions encryption, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(encryption.ActiveKeyId))
        {
            failures.Add("SecureApi:Encryption:ActiveKeyId is not set, and resources have [Encrypted] members: configure SecureApi:Encryption:Keys:<id> (base64 of 32 random bytes) and set ActiveKeyId to that id.");
        }
        else if (!encryption.Keys.ContainsKey(encryption.ActiveKeyId))
        {
            failures.Add($"SecureApi:Encryption:Keys:{encryption.ActiveKeyId} is not set, but SecureApi:Encryption:ActiveKeyId names it: configure it (base64 of 32 random bytes).");
        }
    }

    private static int DecodedLength(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) ? written : -1;
    }
}

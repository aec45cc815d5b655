using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SecureApi.SampleTests.Infrastructure;

/// <summary>
/// Looks at the re-encryption of <c>notes.private_note</c> (or another column of <c>notes</c>, such as <c>body</c>) from
/// below the API: its progress row in <c>secureapi_reencryption</c>, the stored values, and what they decrypt to (or
/// are sealed with) under the test keys.
/// </summary>
public static class ReEncryptionProbe
{
    public static readonly IReadOnlyDictionary<string, string?> BothKeys = new Dictionary<string, string?>
    {
        ["SecureApi:Encryption:Keys:k1"] = SampleFactory.EncryptionKey("k1"),
        ["SecureApi:Encryption:Keys:k2"] = SampleFactory.EncryptionKey("k2"),
    };

    /// <summary>The settings of an instance that converts to <paramref name="activeKeyId"/> (both keys configured) in small batches.</summary>
    public static Dictionary<string, string?> Converting(string activeKeyId, int batchSize, int pauseMilliseconds = 0)
    {
        var settings = new Dictionary<string, string?>(BothKeys)
        {
            ["SecureApi:Encryption:ActiveKeyId"] = activeKeyId,
            ["SecureApi:Encryption:ReEncryption:BatchSize"] = batchSize.ToString(CultureInfo.InvariantCulture),
            ["SecureApi:Encryption:ReEncryption:PauseBetweenBatchesMilliseconds"] = pauseMilliseconds.ToString(CultureInfo.InvariantCulture),
        };
        return settings;
    }

    /// <summary>The column's pass: its target key, values converted so far, and whether it has finished.</summary>
    public static async Task<(string TargetKeyId, long Converted, bool Completed)?> PassAsync(DatabaseTarget target)
    {
        await using var connection = await target.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT target_key_id, converted_count, completed_at IS NOT NULL FROM secureapi_reencryption WHERE table_name = 'notes' AND column_name = 'private_note'";
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? (reader.GetString(0), reader.GetInt64(1), Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture) == 1)
            : null;
    }

    /// <summary>
    /// Waits until a pass to <paramref name="keyId"/> has finished after <paramref name="since"/> (taken before the
    /// converting instance starts: an earlier test's finished pass must not count).
    /// </summary>
    public static async Task WaitForCompletionAsync(DatabaseTarget target, string keyId, DateTimeOffset since, TimeSpan timeout, string column = "private_note")
    {
        var clock = Stopwatch.StartNew();
        while (await CompletedAtAsync(target, keyId, column) is not { } completedAt || completedAt < since)
        {
            Assert.True(clock.Elapsed < timeout, $"The re-encryption to {keyId} did not finish in {timeout}; it is at {await PassAsync(target)}.");
            await Task.Delay(50);
        }
    }

    /// <summary>Whether a pass to <paramref name="keyId"/> has finished after <paramref name="since"/>.</summary>
    public static async Task<bool> CompletedSinceAsync(DatabaseTarget target, string keyId, DateTimeOffset since) =>
        await CompletedAtAsync(target, keyId) is { } completedAt && completedAt >= since;

    private static async Task<DateTimeOffset?> CompletedAtAsync(DatabaseTarget target, string keyId, string column = "private_note")
    {
        await using var connection = await target.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT completed_at FROM secureapi_reencryption WHERE table_name = 'notes' AND column_name = @p1 AND target_key_id = @p0";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@p0";
        parameter.Value = keyId;
        command.Parameters.Add(parameter);
        var columnParameter = command.CreateParameter();
        columnParameter.ParameterName = "@p1";
        columnParameter.Value = column;
        command.Parameters.Add(columnParameter);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() && !reader.IsDBNull(0) ? reader.GetFieldValue<DateTimeOffset>(0) : null;
    }

    /// <summary>Forgets the column's progress, as a database written before the member became [Encrypted] has none.</summary>
    public static Task ForgetAsync(DatabaseTarget target) =>
        target.ExecuteAsync("DELETE FROM secureapi_reencryption WHERE table_name = 'notes' AND column_name = 'private_note'");

    /// <summary>Every stored <c>private_note</c> of <paramref name="owner"/>, by note id.</summary>
    public static async Task<Dictionary<Guid, string?>> StoredAsync(DatabaseTarget target, string owner)
    {
        var stored = new Dictionary<Guid, string?>();
        await using var connection = await target.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, private_note FROM notes WHERE owner_id = @p0";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@p0";
        parameter.Value = owner;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            stored[reader.GetGuid(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
        }

        return stored;
    }

    /// <summary>Decrypts a stored value of a note's <paramref name="column"/> with the test key it names, as the service's own format defines it; null if it does not authenticate.</summary>
    public static string? Decrypt(string stored, Guid id, string owner, string column = "private_note")
    {
        var parts = stored.Split('.');
        if (parts.Length != 3 || parts[0] != "v1")
        {
            return null;
        }

        var sealedBytes = Convert.FromBase64String(parts[2]);
        var plain = new byte[sealedBytes.Length - 28];
        using var aes = new AesGcm(Convert.FromBase64String(SampleFactory.EncryptionKey(parts[1])), 16);
        try
        {
            aes.Decrypt(sealedBytes.AsSpan(0, 12), sealedBytes.AsSpan(12, plain.Length), sealedBytes.AsSpan(12 + plain.Length), plain, Encoding.UTF8.GetBytes($"notes.{column}:{owner}:{id}"));
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }

        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>Encrypts <paramref name="plaintext"/> for a note's <paramref name="column"/> under a test key, as the service writes it.</summary>
    public static string Seal(string plaintext, Guid id, string owner, string column, string keyId)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[12 + plain.Length + 16];
        RandomNumberGenerator.Fill(sealedBytes.AsSpan(0, 12));
        using var aes = new AesGcm(Convert.FromBase64String(SampleFactory.EncryptionKey(keyId)), 16);
        aes.Encrypt(sealedBytes.AsSpan(0, 12), plain, sealedBytes.AsSpan(12, plain.Length), sealedBytes.AsSpan(12 + plain.Length), Encoding.UTF8.GetBytes($"notes.{column}:{owner}:{id}"));
        return $"v1.{keyId}.{Convert.ToBase64String(sealedBytes)}";
    }
}

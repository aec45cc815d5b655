using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using SecureApi.Data;
using SecureApi.Infrastructure;

namespace SecureApi.AiGuards.Screening;

/// <summary>
/// Text stored in quarantine: a <c>[UntrustedText(UntrustedTextMode.Quarantine)]</c> member that matched a rule is stored
/// as sent, and a record of it (resource, key, member, rule ids; never the text) goes into <c>secureapi_quarantine</c>
/// in the same transaction as the row. Moderators list the records (expose <see cref="ListAsync"/> on a role-gated
/// endpoint) and release them; code that builds prompts asks <see cref="IsQuarantinedAsync"/> and leaves such rows out.
/// </summary>
public sealed class UntrustedTextQuarantine
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    private readonly SecureApiDatabase _database;

    internal UntrustedTextQuarantine(SecureApiDatabase database) => _database = database;

    /// <summary>The newest records first, of <paramref name="resource"/> (a table name) or of every resource; at most <paramref name="limit"/> (1–500).</summary>
    public async Task<IReadOnlyList<QuarantinedText>> ListAsync(string? resource = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = Db.Command(connection, QuarantineSql.List);
        Db.Parameter(command, "@resource", resource, DbType.String);
        Db.Parameter(command, "@limit", Math.Clamp(limit, 1, 500), DbType.Int32);
        var records = new List<QuarantinedText>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new QuarantinedText(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3).Split(','), reader.GetString(4), reader.GetString(5)));
        }

        return records;
    }

    /// <summary>Whether any member of the row <paramref name="key"/> of <paramref name="resource"/> is in quarantine: leave it out of prompts.</summary>
    public async Task<bool> IsQuarantinedAsync(string resource, string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = Db.Command(connection, QuarantineSql.Exists);
        Db.Parameter(command, "@resource", resource, DbType.String);
        Db.Parameter(command, "@resource_key", key, DbType.String);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <summary>A moderator's release: the row's records are removed (the text itself was never changed). False when there were none.</summary>
    public async Task<bool> ReleaseAsync(string resource, string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = Db.Command(connection, QuarantineSql.DeleteRow);
        Db.Parameter(command, "@resource", resource, DbType.String);
        Db.Parameter(command, "@resource_key", key, DbType.String);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>
    /// Inside a generated store's write (called from the audit append, in the row's transaction): applies the request's
    /// screening verdict to the row — members screened clean leave quarantine, members that matched enter it. A request
    /// without <c>[UntrustedText]</c> members has no verdict, and nothing is touched.
    /// </summary>
    internal static async ValueTask RecordAsync(DbTransaction transaction, HttpContext? context, string resource, string key, string subject, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (context?.Features.Get<UntrustedTextVerdict>() is not { } verdict)
        {
            return;
        }

        var connection = transaction.Connection!;
        foreach (var member in verdict.Screened)
        {
            if (verdict.Quarantined.TryGetValue(member, out var rules))
            {
                await using var upsert = Db.Command(connection, QuarantineSql.Upsert, transaction);
                Bind(upsert, resource, key, member);
                Db.Parameter(upsert, "@rules", rules, DbType.String);
                Db.Parameter(upsert, "@subject", subject, DbType.String);
                Db.Parameter(upsert, "@quarantined_at", now.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture), DbType.String);
                await upsert.ExecuteNonQueryAsync(cancellationToken);
            }
            else
            {
                await using var delete = Db.Command(connection, QuarantineSql.DeleteMember, transaction);
                Bind(delete, resource, key, member);
                await delete.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    private static void Bind(DbCommand command, string resource, string key, string member)
    {
        Db.Parameter(command, "@resource", resource, DbType.String);
        Db.Parameter(command, "@resource_key", key, DbType.String);
        Db.Parameter(command, "@member", member, DbType.String);
    }
}

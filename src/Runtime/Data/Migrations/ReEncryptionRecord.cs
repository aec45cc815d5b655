using System.Data;
using System.Data.Common;
using SecureApi.Infrastructure;

namespace SecureApi.Data.Migrations;

/// <summary>A row of <c>secureapi_reencryption</c>: one column's pass, and the statements that move it on.</summary>
internal sealed record ReEncryptionRecord(string Table, string Column, string TargetKeyId, bool PlaintextPossible, Guid? ConvertedThrough, long ConvertedCount, bool Completed)
{
    public static async Task<Dictionary<(string Table, string Column), ReEncryptionRecord>> LoadAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var records = new Dictionary<(string, string), ReEncryptionRecord>();
        await using var command = Db.Command(connection, ReEncryptionSql.Load);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var record = new ReEncryptionRecord(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetBoolean(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<Guid>(4),
                reader.GetInt64(5),
                reader.GetBoolean(6));
            records[(record.Table, record.Column)] = record;
        }

        return records;
    }

    public static Task InsertAsync(DbConnection connection, EncryptedColumn column, string targetKeyId, bool plaintextPossible, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, null, ReEncryptionSql.Insert, column.Table, column.Column, command =>
        {
            Db.Parameter(command, "@target", targetKeyId, DbType.String);
            Db.Parameter(command, "@plaintext", plaintextPossible, DbType.Boolean);
            Db.Parameter(command, "@completed", plaintextPossible ? null : now, DbType.DateTimeOffset);
            Db.Parameter(command, "@now", now, DbType.DateTimeOffset);
        }, cancellationToken);

    public static Task DeleteAsync(DbConnection connection, string table, string column, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, null, ReEncryptionSql.Delete, table, column, _ => { }, cancellationToken);

    public static Task RestartAsync(DbConnection connection, EncryptedColumn column, string targetKeyId, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, null, ReEncryptionSql.Restart, column.Table, column.Column, command =>
        {
            Db.Parameter(command, "@target", targetKeyId, DbType.String);
            Db.Parameter(command, "@now", now, DbType.DateTimeOffset);
        }, cancellationToken);

    public static Task AdvanceAsync(DbConnection connection, DbTransaction transaction, EncryptedColumn column, string targetKeyId, Guid through, int converted, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction, ReEncryptionSql.Advance, column.Table, column.Column, command =>
        {
            Db.Parameter(command, "@target", targetKeyId, DbType.String);
            Db.Parameter(command, "@through", through, DbType.Guid);
            Db.Parameter(command, "@converted", (long)converted, DbType.Int64);
            Db.Parameter(command, "@now", now, DbType.DateTimeOffset);
        }, cancellationToken);

    public static Task CompleteAsync(DbConnection connection, EncryptedColumn column, string targetKeyId, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, null, ReEncryptionSql.Complete, column.Table, column.Column, command =>
        {
            Db.Parameter(command, "@target", targetKeyId, DbType.String);
            Db.Parameter(command, "@plaintext", false, DbType.Boolean);
            Db.Parameter(command, "@now", now, DbType.DateTimeOffset);
        }, cancellationToken);

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, string table, string column, Action<DbCommand> bind, CancellationToken cancellationToken)
    {
        await using var command = Db.Command(connection, sql, transaction);
        Db.Parameter(command, "@table", table, DbType.String);
        Db.Parameter(command, "@column", column, DbType.String);
        bind(command);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

using System.Data.Common;
using SecureApi.Infrastructure;

namespace SecureApi.Data.Migrations;

/// <summary>
/// <c>secureapi_schema_history</c>: one row per applied step (its id, the hash of its SQL, the schema version and the
/// service version that applied it, and when), written in the step's own transaction, so a step is recorded exactly
/// when it took effect.
/// </summary>
internal static class SchemaHistory
{
    public const string Table = "secureapi_schema_history";

    public static string Schema(SqlDialect dialect) => dialect == SqlDialect.PostgreSql
        ? """
          CREATE TABLE IF NOT EXISTS secureapi_schema_history (
              id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
              step_id text NOT NULL,
              table_name text NOT NULL,
              sql_hash text NOT NULL,
              schema_version integer NOT NULL,
              service_version text NOT NULL,
              applied_at timestamptz NOT NULL
          )
          """
        : """
          CREATE TABLE IF NOT EXISTS secureapi_schema_history (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              step_id TEXT NOT NULL,
              table_name TEXT NOT NULL,
              sql_hash TEXT NOT NULL,
              schema_version INTEGER NOT NULL,
              service_version TEXT NOT NULL,
              applied_at TEXT NOT NULL
          )
          """;

    /// <summary>The ids of the recorded steps and the highest schema version recorded (0 when none).</summary>
    public static async Task<(HashSet<string> Applied, int Version)> ReadAsync(DbConnection connection, Catalog catalog, CancellationToken cancellationToken)
    {
        var applied = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var version = 0;
        if (catalog.Table(Table) is null)
        {
            return (applied, version);
        }

        await using var command = Db.Command(connection, "SELECT step_id, schema_version FROM secureapi_schema_history");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied.Add(reader.GetString(0));
            version = Math.Max(version, reader.GetInt32(1));
        }

        return (applied, version);
    }

    public static async Task RecordAsync(DbConnection connection, DbTransaction transaction, string stepId, string table, string hash, int schemaVersion, string serviceVersion, CancellationToken cancellationToken)
    {
        await using var insert = Db.Command(
            connection,
            "INSERT INTO secureapi_schema_history (step_id, table_name, sql_hash, schema_version, service_version, applied_at) VALUES (@step, @table, @hash, @schema, @service, @at)",
            transaction);
        Db.Parameter(insert, "@step", stepId, System.Data.DbType.String);
        Db.Parameter(insert, "@table", table, System.Data.DbType.String);
        Db.Parameter(insert, "@hash", hash, System.Data.DbType.String);
        Db.Parameter(insert, "@schema", schemaVersion, System.Data.DbType.Int32);
        Db.Parameter(insert, "@service", serviceVersion, System.Data.DbType.String);
        Db.Parameter(insert, "@at", DateTimeOffset.UtcNow, System.Data.DbType.DateTimeOffset);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }
}

namespace SecureApi.Data.Migrations;

/// <summary>
/// The SQL of the re-encryption job. <c>secureapi_reencryption</c> holds one row per encrypted column: the key its
/// pass converts to, whether it may still hold plaintext, and the last row key committed, so a crash resumes there.
/// Table and column names come from the generated registration (compile-time identifiers), never from a request.
/// </summary>
internal static class ReEncryptionSql
{
    public const string SqliteSchema = """
        CREATE TABLE IF NOT EXISTS secureapi_reencryption (
            table_name TEXT NOT NULL,
            column_name TEXT NOT NULL,
            target_key_id TEXT NOT NULL,
            plaintext_possible INTEGER NOT NULL,
            converted_through TEXT NULL,
            converted_count INTEGER NOT NULL,
            completed_at TEXT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (table_name, column_name))
        """;

    public const string PostgreSqlSchema = """
        CREATE TABLE IF NOT EXISTS secureapi_reencryption (
            table_name text NOT NULL,
            column_name text NOT NULL,
            target_key_id text NOT NULL,
            plaintext_possible boolean NOT NULL,
            converted_through uuid NULL,
            converted_count bigint NOT NULL,
            completed_at timestamptz NULL,
            updated_at timestamptz NOT NULL,
            PRIMARY KEY (table_name, column_name))
        """;

    public const string Load = """
        SELECT table_name, column_name, target_key_id, plaintext_possible, converted_through, converted_count, completed_at IS NOT NULL
        FROM secureapi_reencryption
        """;

    /// <summary>A column seen for the first time; a second instance doing the same at once changes nothing.</summary>
    public const string Insert = """
        INSERT INTO secureapi_reencryption (table_name, column_name, target_key_id, plaintext_possible, converted_through, converted_count, completed_at, updated_at)
        VALUES (@table, @column, @target, @plaintext, NULL, 0, @completed, @now)
        ON CONFLICT (table_name, column_name) DO NOTHING
        """;

    public const string Delete = "DELETE FROM secureapi_reencryption WHERE table_name = @table AND column_name = @column";

    /// <summary>A new pass from the first row: to a new key, or again after a pass that could not read every value.</summary>
    public const string Restart = """
        UPDATE secureapi_reencryption
        SET target_key_id = @target, converted_through = NULL, converted_count = 0, completed_at = NULL, updated_at = @now
        WHERE table_name = @table AND column_name = @column
        """;

    /// <summary>A batch's watermark, in the batch's transaction; only for the pass it belongs to.</summary>
    public const string Advance = """
        UPDATE secureapi_reencryption
        SET converted_through = @through, converted_count = converted_count + @converted, updated_at = @now
        WHERE table_name = @table AND column_name = @column AND target_key_id = @target
        """;

    public const string Complete = """
        UPDATE secureapi_reencryption
        SET plaintext_possible = @plaintext, completed_at = @now, updated_at = @now
        WHERE table_name = @table AND column_name = @column AND target_key_id = @target
        """;

    /// <summary>After a finished pass: is any value not under the active key (written since by an instance on an older key)?</summary>
    public static string AnyNotUnder(string table, string column) =>
        $"SELECT 1 FROM {table} WHERE {column} IS NOT NULL AND substr({column}, 1, length(@prefix)) <> @prefix LIMIT 1";

    public static string AnyValue(string table, string column) => $"SELECT 1 FROM {table} WHERE {column} IS NOT NULL LIMIT 1";

    /// <summary>The next batch in key order, after the watermark when there is one.</summary>
    public static string Batch(string table, string key, string? owner, string column, bool afterWatermark) => $"""
        SELECT {key}, {owner ?? "NULL"}, {column} FROM {table}
        WHERE {column} IS NOT NULL{(afterWatermark ? $" AND {key} > @after" : "")}
        ORDER BY {key}
        LIMIT @limit
        """;

    /// <summary>The optimistic check: only the value the batch read is replaced; a user's write since then stands.</summary>
    public static string Rewrite(string table, string key, string column) =>
        $"UPDATE {table} SET {column} = @value WHERE {key} = @key AND {column} = @old";
}

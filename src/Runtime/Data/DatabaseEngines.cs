using System.Diagnostics.CodeAnalysis;

namespace SecureApi.Data;

/// <summary>
/// Which database engines this build carries, from the app's MSBuild property <c>SecureApiDatabaseEngines</c>
/// (SecureApi.targets turns it into these runtime switches). Trimming and native AOT read the switches as constants, so
/// every branch behind a left-out engine, and with it Npgsql or Microsoft.Data.Sqlite and SQLite's native library, falls
/// away. Without the switches (an app that does not set the property) both engines are carried.
/// </summary>
internal static class DatabaseEngines
{
    public const string PropertyName = "SecureApiDatabaseEngines";
    public const string SqliteSwitch = "SecureApi.Data.Sqlite.IsSupported";
    public const string PostgreSqlSwitch = "SecureApi.Data.PostgreSql.IsSupported";

    [FeatureSwitchDefinition(SqliteSwitch)]
    public static bool IsSqliteSupported => !AppContext.TryGetSwitch(SqliteSwitch, out var supported) || supported;

    [FeatureSwitchDefinition(PostgreSqlSwitch)]
    public static bool IsPostgreSqlSupported => !AppContext.TryGetSwitch(PostgreSqlSwitch, out var supported) || supported;

    public static bool IsSupported(SqlDialect dialect) => dialect == SqlDialect.PostgreSql ? IsPostgreSqlSupported : IsSqliteSupported;

    /// <summary>Why <paramref name="dialect"/> cannot be used here, naming the property that brings it back.</summary>
    public static string LeftOut(SqlDialect dialect, string why) =>
        $"{why}, but this build left {dialect} out ({PropertyName} = {Carried()}): add {dialect} to the app's <{PropertyName}> property " +
        $"(e.g. <{PropertyName}>Sqlite;PostgreSql</{PropertyName}>), or configure SecureApi:Database for an engine the build carries.";

    private static string Carried() => (IsSqliteSupported, IsPostgreSqlSupported) switch
    {
        (true, true) => "Sqlite;PostgreSql",
        (true, false) => "Sqlite",
        (false, true) => "PostgreSql",
        _ => "None",
    };
}

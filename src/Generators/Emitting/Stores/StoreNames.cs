using SecureApi.Generators.Models;

namespace SecureApi.Generators.Emitting.Stores;

/// <summary>Names shared by the store emitters: the generated classes and the runtime types their code calls.</summary>
internal static class StoreNames
{
    public const string Data = "global::SecureApi.Data";
    public const string Token = "global::System.Threading.CancellationToken";
    public const string Task = "global::System.Threading.Tasks.Task";
    public const string Caller = "global::SecureApi.Caller";

    public static string Sql(ResourceSpec spec) => spec.TypeName + "Sql";

    public static string Rows(ResourceSpec spec) => spec.TypeName + "Rows";

    public static string Command(ResourceSpec spec, SqlStatement statement, string? transaction = null) =>
        $"await using var command = global::SecureApi.Infrastructure.Db.Command(connection, {Sql(spec)}.{statement.Name}{(transaction is null ? "" : ", " + transaction)});";
}

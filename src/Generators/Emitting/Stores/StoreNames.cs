using SecureApi.Generators.Models;

namespace SecureApi.Generators.Emitting.Stores;

/// <summary>Names shared by the store emitters: the generated classes and the runtime types their code calls.</summary>
internal static class StoreNames
{
    public const string Data = "global::SecureApi.Data";
    public const string Token = "global::System.Threading.CancellationToken";
    public const string Task = "global::System.Threading.Tasks.Task";
    public const string Caller = "global::SecureApi.Caller";
    public const string Audit = "global::SecureApi.Auditing";

    /// <summary>The store's audit-trail constructor parameter: every write appends one record in its own transaction.</summary>
    public const string AuditParameter = Audit + ".AuditTrail audit";

    /// <summary>The text of a key as the audit trail records it (Guid, int or long).</summary>
    public const string AuditKey = "key.ToString(null, global::System.Globalization.CultureInfo.InvariantCulture)";

    /// <summary>
    /// After a read of a resource with quarantined members: records which of them the current reader may not see (their
    /// author and moderators may), so the JSON writer withholds them. Nothing for other resources.
    /// </summary>
    public static void LoadQuarantine(SourceWriter writer, ResourceSpec spec, string rows)
    {
        if (spec.HasQuarantinedMembers)
        {
            writer.Line($"await global::SecureApi.Infrastructure.QuarantinedValues.LoadAsync<{spec.FullyQualifiedName}>(connection, {Names.Literal(spec.Table)}, {rows}, static row => global::SecureApi.Infrastructure.QuarantinedValues.Key(row.{spec.Key.PropertyName}), cancellationToken); // quarantined text: only its author and moderators read it");
        }
    }

    public static string Sql(ResourceSpec spec) => spec.TypeName + "Sql";

    public static string Rows(ResourceSpec spec) => spec.TypeName + "Rows";

    public static string Command(ResourceSpec spec, SqlStatement statement, string? transaction = null) =>
        $"await using var command = global::SecureApi.Infrastructure.Db.Command(connection, {Sql(spec)}.{statement.Name}{(transaction is null ? "" : ", " + transaction)});";
}

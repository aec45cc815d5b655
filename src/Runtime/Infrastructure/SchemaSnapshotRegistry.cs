using System.ComponentModel;

namespace SecureApi.Infrastructure;

/// <summary>
/// Receives the schema snapshot the generator emits into the service's assembly (the text <c>secureapi.schema.json</c>
/// should hold for the declared resources; its module initializer calls <see cref="Register"/>), so the <c>schema</c>
/// command can write or check the checked-in file. Not for application code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SchemaSnapshotRegistry
{
    private static string? s_json;

    /// <summary>The snapshot JSON of the service's assembly; null when it declares no resource.</summary>
    internal static string? Json => Volatile.Read(ref s_json);

    public static void Register(string snapshotJson)
    {
        ArgumentNullException.ThrowIfNull(snapshotJson);
        Volatile.Write(ref s_json, snapshotJson);
    }
}

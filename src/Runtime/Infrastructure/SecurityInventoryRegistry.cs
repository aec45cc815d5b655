using System.ComponentModel;

namespace SecureApi.Infrastructure;

/// <summary>
/// Receives the security inventory the generator emits into the service's assembly (its module initializer calls
/// <see cref="Register"/>), so the <c>inventory</c> command can write it out. Not for application code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SecurityInventoryRegistry
{
    private static string? s_json;

    /// <summary>The inventory JSON of the service's assembly; null when no generated code registered one.</summary>
    internal static string? Json => Volatile.Read(ref s_json);

    public static void Register(string inventoryJson)
    {
        ArgumentNullException.ThrowIfNull(inventoryJson);
        Volatile.Write(ref s_json, inventoryJson);
    }
}

using System.ComponentModel;

namespace SecureApi.Infrastructure;

/// <summary>Where generated resources register themselves (from a module initializer); <c>AddSecureApi</c> reads it.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ResourceRegistry
{
    private static readonly List<ResourceRegistration> s_resources = [];

    public static void Register(ResourceRegistration registration)
    {
        lock (s_resources)
        {
            if (!s_resources.Any(r => r.Table == registration.Table))
            {
                s_resources.Add(registration);
            }
        }
    }

    public static IReadOnlyList<ResourceRegistration> Snapshot()
    {
        lock (s_resources)
        {
            return [.. s_resources];
        }
    }
}

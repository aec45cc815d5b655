using System.ComponentModel;
using Microsoft.AspNetCore.Routing;

namespace SecureApi.Infrastructure;

/// <summary>
/// The generated <c>MapSecureApi</c> of each assembly, registered when the assembly loads, so a command (writing the
/// OpenAPI document at build time) can map the endpoints without the host being started.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class EndpointMaps
{
    private static readonly Lock s_lock = new();
    private static Action<IEndpointRouteBuilder>[] s_maps = [];

    public static void Register(Action<IEndpointRouteBuilder> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        lock (s_lock)
        {
            s_maps = [.. s_maps, map];
        }
    }

    internal static IReadOnlyList<Action<IEndpointRouteBuilder>> Snapshot() => s_maps;
}

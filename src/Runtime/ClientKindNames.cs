namespace SecureApi;

/// <summary>
/// The wire names of <see cref="ClientKind"/> — <c>user</c>, <c>service</c>, <c>agent</c>, exact lower case — as the
/// <c>client_kind</c> claim, the key table, the <c>keys</c> command and the request log write them.
/// </summary>
internal static class ClientKindNames
{
    public static string Of(ClientKind kind) => kind switch
    {
        ClientKind.User => "user",
        ClientKind.Service => "service",
        ClientKind.Agent => "agent",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The kind <paramref name="name"/> names exactly, or false: another casing is not a kind.</summary>
    public static bool TryParse(string name, out ClientKind kind)
    {
        (var known, kind) = name switch
        {
            "user" => (true, ClientKind.User),
            "service" => (true, ClientKind.Service),
            "agent" => (true, ClientKind.Agent),
            _ => (false, default),
        };
        return known;
    }
}

namespace SecureApi;

/// <summary>What kind of client a caller is (the <c>client_kind</c> claim).</summary>
public enum ClientKind
{
    /// <summary>A person, directly.</summary>
    User,

    /// <summary>Another service, on its own behalf.</summary>
    Service,

    /// <summary>An automated agent, usually acting for a user.</summary>
    Agent,
}

namespace SecureApi;

/// <summary>
/// What kind of client is calling, from the <c>client_kind</c> claim (<c>user</c>, <c>service</c>, <c>agent</c>); without
/// that claim a delegated token (an <c>act</c> claim) is an <see cref="Agent"/> and anything else a <see cref="User"/>.
/// </summary>
public enum ClientKind
{
    /// <summary>A person, through an application acting only as that person.</summary>
    User,

    /// <summary>A machine client acting for itself (client credentials, a service API key).</summary>
    Service,

    /// <summary>Software acting for a user: the subject is the user, the actor the agent.</summary>
    Agent,
}

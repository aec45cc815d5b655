namespace SecureApi;

/// <summary>One API key: who it stands for and the SHA-256 of the key, in hex.</summary>
public sealed class ApiKeyCredential
{
    public string Subject { get; set; } = "";

    public string? Tenant { get; set; }

    public List<string> Roles { get; set; } = [];

    /// <summary>Scopes granted to the key, one per entry (sent as one space-separated <c>scope</c> claim). Default none.</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>
    /// The kind of client holding the key. Default <see cref="SecureApi.ClientKind.Service"/>: a key is a machine's
    /// credential unless configuration says it stands for a person, so it never passes a people-only endpoint by omission.
    /// </summary>
    public ClientKind ClientKind { get; set; } = ClientKind.Service;

    /// <summary>Lower- or upper-case hex SHA-256 of the key (<c>printf %s KEY | sha256sum</c>).</summary>
    public string Sha256 { get; set; } = "";
}

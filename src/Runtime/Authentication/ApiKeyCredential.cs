namespace SecureApi.Authentication;

/// <summary>
/// A static API key from configuration (<c>SecureApi:Authentication:ApiKeys:Static</c>): who it stands for and the
/// SHA-256 of the key, in hex. For bootstrap and development; keys minted into the database are the everyday kind.
/// </summary>
public sealed class ApiKeyCredential
{
    /// <summary>The <c>key_id</c> claim. Default <c>static-{index}</c> (its position in the list).</summary>
    public string? Id { get; set; }

    public string Subject { get; set; } = "";

    public string? Tenant { get; set; }

    public List<string> Roles { get; set; } = [];

    public List<string> Scopes { get; set; } = [];

    /// <summary>The <c>client_kind</c> claim. Default <see cref="ClientKind.Service"/>: a key is usually held by a program.</summary>
    public ClientKind ClientKind { get; set; } = ClientKind.Service;

    /// <summary>The <c>tier</c> claim: a name under <c>SecureApi:RateLimiting:Tiers</c>. Default none.</summary>
    public string? Tier { get; set; }

    /// <summary>Lower- or upper-case hex SHA-256 of the key (<c>printf %s KEY | sha256sum</c>).</summary>
    public string Sha256 { get; set; } = "";
}

namespace SecureApi;

/// <summary>One API key: who it stands for and the SHA-256 of the key, in hex.</summary>
public sealed class ApiKeyCredential
{
    public string Subject { get; set; } = "";

    public string? Tenant { get; set; }

    public List<string> Roles { get; set; } = [];

    /// <summary>Lower- or upper-case hex SHA-256 of the key (<c>printf %s KEY | sha256sum</c>).</summary>
    public string Sha256 { get; set; } = "";
}

namespace SecureApi.Authentication;

/// <summary>Settings of the authentication schemes SecureApi ships (<c>SecureApi:Authentication</c>).</summary>
public sealed class SecureApiAuthenticationOptions
{
    /// <summary>API keys: static keys from configuration and the limits on keys minted into the database.</summary>
    public ApiKeyOptions ApiKeys { get; set; } = new();
}

namespace SecureApi.Authentication;

/// <summary>Settings bound from <c>SecureApi:Authentication</c>: how callers prove who they are.</summary>
public sealed class SecureApiAuthenticationOptions
{
    /// <summary>JWT bearer access tokens (<c>SecureApi:Authentication:Jwt</c>). Off until an authority or signing keys are set.</summary>
    public JwtOptions Jwt { get; set; } = new();

    /// <summary>API keys: static keys from configuration and the limits on keys minted into the database.</summary>
    public ApiKeyOptions ApiKeys { get; set; } = new();

    /// <summary>The validated-token cache for JWT bearer tokens (<c>SecureApi:Authentication:TokenCache</c>). On by default.</summary>
    public TokenCacheOptions TokenCache { get; set; } = new();
}

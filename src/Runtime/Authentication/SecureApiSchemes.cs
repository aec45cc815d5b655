namespace SecureApi.Authentication;

/// <summary>The authentication scheme names <c>AddSecureApi</c> registers.</summary>
public static class SecureApiSchemes
{
    /// <summary>The default scheme: picks <see cref="Bearer"/> or the API-key scheme from the request's credentials.</summary>
    public const string Default = "SecureApi";

    /// <summary>JWT bearer access tokens (<c>Authorization: Bearer</c>).</summary>
    public const string Bearer = "Bearer";

    /// <summary>API keys (<c>Authorization: ApiKey</c> or <c>X-Api-Key</c>).</summary>
    public const string ApiKey = ApiKeyAuthenticationHandler.SchemeName;
}

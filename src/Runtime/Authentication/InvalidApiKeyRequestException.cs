namespace SecureApi.Authentication;

/// <summary>An <see cref="ApiKeyRequest"/> value is not allowed; a generated endpoint answers it as a 400 naming the member.</summary>
public sealed class InvalidApiKeyRequestException(string member, string message) : ArgumentException(message)
{
    /// <summary>The camelCase name of the offending member (<c>subject</c>, <c>roles</c>, <c>lifetime</c>…).</summary>
    public string Member { get; } = member;
}

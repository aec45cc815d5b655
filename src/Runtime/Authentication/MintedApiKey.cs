namespace SecureApi.Authentication;

/// <summary>A key just minted: <see cref="Key"/> is shown this once and can never be read again (only its hash is stored).</summary>
public sealed record MintedApiKey(string Key, ApiKeyInfo Info);

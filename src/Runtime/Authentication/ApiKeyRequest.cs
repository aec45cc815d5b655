namespace SecureApi.Authentication;

/// <summary>What a new API key stands for. Checked by <see cref="ApiKeys.CreateAsync"/>; a bad value is an <see cref="InvalidApiKeyRequestException"/>.</summary>
public sealed record ApiKeyRequest
{
    /// <summary>The owner: the <c>sub</c> of every request made with the key. 1–200 characters, no control characters.</summary>
    public required string Subject { get; init; }

    public string? Tenant { get; init; }

    /// <summary>Role names: 1–100 visible ASCII characters each, without space, quote or backslash; at most 50.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>Scopes (OAuth scope tokens): the same rules as roles.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    public ClientKind Kind { get; init; } = ClientKind.Service;

    /// <summary>
    /// The rate-limit tier of the key's requests (its <c>tier</c> claim): a name under <c>SecureApi:RateLimiting:Tiers</c>,
    /// such as <c>free</c> or <c>premium</c>. 1–50 letters, digits, <c>-</c> or <c>_</c>. Null: the policies' own permits.
    /// </summary>
    public string? Tier { get; init; }

    /// <summary>What the key is for, shown in lists. At most 200 characters.</summary>
    public string? Name { get; init; }

    /// <summary>How long the key is valid. Default <c>SecureApi:Authentication:ApiKeys:DefaultLifetimeDays</c>; at most <c>MaxLifetimeDays</c>.</summary>
    public TimeSpan? Lifetime { get; init; }
}

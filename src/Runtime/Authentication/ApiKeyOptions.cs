namespace SecureApi.Authentication;

/// <summary>Settings of the <c>ApiKey</c> scheme (<c>SecureApi:Authentication:ApiKeys</c>).</summary>
public sealed class ApiKeyOptions
{
    /// <summary>Keys configured by hash, checked before the database: for bootstrap (the first admin) and development.</summary>
    public List<ApiKeyCredential> Static { get; set; } = [];

    /// <summary>Lifetime of a minted key when the request names no expiry. Default 90 days.</summary>
    public int DefaultLifetimeDays { get; set; } = 90;

    /// <summary>Longest lifetime a minted key may have; 0 allows keys that never expire. Default 365 days.</summary>
    public int MaxLifetimeDays { get; set; } = 365;
}

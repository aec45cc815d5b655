namespace SecureApi.RateLimiting;

/// <summary>What shares one budget under a policy.</summary>
[Flags]
internal enum RatePartition
{
    None = 0,

    /// <summary>The caller's subject (every key and token of one subject together); the client IP when anonymous.</summary>
    Caller = 1,

    /// <summary>The API key's id; the caller, then the client IP, when there is no key.</summary>
    ApiKey = 2,

    /// <summary>The socket address, or what a configured trusted proxy forwarded.</summary>
    ClientIp = 4,

    /// <summary>The matched route pattern (so path variants of one route share it).</summary>
    Endpoint = 8,
}

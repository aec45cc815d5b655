namespace SecureApi.RateLimiting;

/// <summary>
/// What a limiter's script answered for one acquisition. Every script returns <c>{admitted (1/0), remaining permits,
/// wait in ms before a retry can succeed (-1: unknown)}</c>, so one parser serves every kind.
/// </summary>
internal readonly record struct RedisDecision(bool Admitted, long Remaining, TimeSpan? RetryAfter);

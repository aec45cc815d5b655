namespace SecureApi.RateLimiting;

/// <summary>A policy's lockout: <paramref name="Failures"/> failures within <paramref name="Window"/> lock a client or an account out for <paramref name="Duration"/>.</summary>
internal sealed record LockoutPolicy(int Failures, TimeSpan Window, TimeSpan Duration);

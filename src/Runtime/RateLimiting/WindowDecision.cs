namespace SecureApi.RateLimiting;

/// <summary>What Redis answered for one acquisition.</summary>
internal readonly record struct WindowDecision(bool Admitted, long Count, TimeSpan RemainingWindow);

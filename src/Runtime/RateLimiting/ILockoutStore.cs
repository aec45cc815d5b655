namespace SecureApi.RateLimiting;

/// <summary>Failure counts and lockouts: in memory per instance, or in Redis shared by every instance.</summary>
internal interface ILockoutStore
{
    /// <summary>How long <paramref name="subject"/> stays locked out; null when it is not.</summary>
    ValueTask<TimeSpan?> LockedForAsync(LockoutSubject subject);

    /// <summary>Counts one failure against each subject; the one that reaches the policy's count is locked out and its count starts again.</summary>
    ValueTask FailedAsync(LockoutSubject client, LockoutSubject? account, LockoutPolicy policy);

    /// <summary>Forgets the account's failures (a lockout already in force stays).</summary>
    ValueTask SucceededAsync(LockoutSubject account);
}

namespace SecureApi.RateLimiting;

/// <summary>
/// The request feature the lockout middleware sets on an endpoint whose policy has a lockout: what the handler said
/// through <see cref="SignInAttempts"/>, settled by the middleware once the handler has answered.
/// </summary>
internal sealed class SignInAttempt(ILockoutStore store, RateLimitPolicy policy, LockoutPolicy lockout)
{
    public ILockoutStore Store { get; } = store;

    public RateLimitPolicy Policy { get; } = policy;

    public LockoutPolicy Lockout { get; } = lockout;

    /// <summary>The account the handler named, as a lockout subject.</summary>
    public LockoutSubject? Account { get; private set; }

    public bool ReportedFailure { get; set; }

    public bool ReportedSuccess { get; set; }

    public void Name(string? account) => Account = LockoutSubject.Account(account) ?? Account;
}

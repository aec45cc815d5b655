using StackExchange.Redis;

namespace SecureApi.RateLimiting;

/// <summary>
/// Lockouts shared by every instance through Redis (keys: <see cref="RedisKeys.Lockout"/>): each check and each count
/// is one atomic script on one key. While Redis is unreachable the local store counts and locks instead (per instance,
/// never no lockout; lockouts set in Redis before the outage are not seen until it returns).
/// </summary>
internal sealed class RedisLockoutStore(RedisRateLimiters redis, MemoryLockoutStore local) : ILockoutStore
{
    private const string Locked = "locked";

    // The rest of the lockout in ms, or -1 when not locked out.
    private const string CheckScript = """
        if redis.call('GET', KEYS[1]) == 'locked' then return redis.call('PTTL', KEYS[1]) end
        return -1
        """;

    // One failure: the first starts the window (PEXPIRE); the one that reaches the count replaces it with the lockout.
    // A failure while locked out changes nothing. ARGV: count, window ms, lockout ms.
    private const string FailScript = """
        if redis.call('GET', KEYS[1]) == 'locked' then return 0 end
        local failures = redis.call('INCR', KEYS[1])
        if failures == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        if failures >= tonumber(ARGV[1]) then
          redis.call('SET', KEYS[1], 'locked', 'PX', ARGV[3])
          return 1
        end
        return 0
        """;

    // A success forgets the failures, never a lockout in force.
    private const string SucceedScript = """
        if redis.call('GET', KEYS[1]) ~= 'locked' then redis.call('DEL', KEYS[1]) end
        return 0
        """;

    public async ValueTask<TimeSpan?> LockedForAsync(LockoutSubject subject)
    {
        var answer = await redis.TryEvaluateAsync(CheckScript, Key(subject), []);
        if (answer is null)
        {
            return await local.LockedForAsync(subject);
        }

        var milliseconds = (long)answer;
        return milliseconds > 0 ? TimeSpan.FromMilliseconds(milliseconds) : null;
    }

    public async ValueTask FailedAsync(LockoutSubject client, LockoutSubject? account, LockoutPolicy policy)
    {
        RedisValue[] arguments = [policy.Failures, (long)policy.Window.TotalMilliseconds, (long)policy.Duration.TotalMilliseconds];

        // Two keys, two scripts sent together (one wait): keys in different cluster slots cannot share one script.
        var clientCounted = redis.TryEvaluateAsync(FailScript, Key(client), arguments).AsTask();
        var accountCounted = account is { } named ? redis.TryEvaluateAsync(FailScript, Key(named), arguments).AsTask() : null;
        if (await clientCounted is null)
        {
            await local.FailedAsync(client, null, policy);
        }

        if (accountCounted is not null && await accountCounted is null)
        {
            await local.FailedAsync(account!.Value, null, policy);
        }
    }

    public async ValueTask SucceededAsync(LockoutSubject account)
    {
        if (await redis.TryEvaluateAsync(SucceedScript, Key(account), []) is null)
        {
            await local.SucceededAsync(account);
        }
    }

    private string Key(LockoutSubject subject) => RedisKeys.Lockout(redis.KeyPrefix, subject.Kind, subject.Value);
}

using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SecureApi.RateLimiting;

/// <summary>
/// The global limiter of ASP.NET Core's rate-limiting middleware, so every request is limited, hand-mapped endpoints
/// and unmatched paths included: the endpoint's <c>[RateLimit]</c> policy, else <c>default</c> for a caller and
/// <c>anonymous</c> for everyone else. The limiting itself is System.Threading.RateLimiting's partitioned limiter; this
/// only chooses the partition and writes the RateLimit headers from the partition's statistics. An endpoint with
/// <see cref="Microsoft.AspNetCore.RateLimiting.DisableRateLimitingAttribute"/> (<c>[DisableRateLimiting]</c> on a
/// declaration, SAPI047; <c>.DisableRateLimiting()</c> on a hand-mapped one) gets no limiter and no headers.
/// </summary>
internal sealed class SecureApiRateLimiter : PartitionedRateLimiter<HttpContext>
{
    private const string TierClaimType = "tier";
    private const string KeyIdClaimType = "key_id";

    private static readonly PartitionKey s_unlimited = new("(disabled)", 0, null);

    private readonly RateLimitPolicies _policies;
    private readonly RedisRateLimiters? _redis;
    private readonly string _agentTier;
    private readonly PartitionedRateLimiter<HttpContext> _inner;
    private readonly Func<PartitionKey, RateLimiter> _newLimiter;

    /// <param name="policies">The named policies in force.</param>
    /// <param name="redis">Shared budgets when <c>SecureApi:RateLimiting:Redis</c> is configured: every policy, whatever
    /// its kind, then counts in Redis (every instance spends one budget), and decides locally while Redis is unreachable.</param>
    /// <param name="agentTier">The tier of an agent whose credential names none (<c>SecureApi:Agents:Tier</c>).</param>
    public SecureApiRateLimiter(RateLimitPolicies policies, RedisRateLimiters? redis = null, string agentTier = SecureApi.AiGuards.AgentTier.Name)
    {
        _policies = policies;
        _redis = redis;
        _agentTier = agentTier;
        // One factory for every partition: the key carries what it needs, so a request allocates no closure.
        _newLimiter = key => _redis is not null ? _redis.Create(key.Policy!, key.Key, key.Permits) : Create(key.Policy!, key.Permits);
        _inner = PartitionedRateLimiter.Create<HttpContext, PartitionKey>(Partition);
    }

    /// <summary>The policy and permits that apply to a request, after tier and client kind.</summary>
    public (RateLimitPolicy Policy, int Permits, string Key) Select(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        var caller = Caller.Find(context);
        var name = endpoint?.Metadata.GetMetadata<RateLimitAttribute>()?.Policy
            ?? endpoint?.Metadata.GetMetadata<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>()?.PolicyName
            ?? (caller is null ? RateLimitPolicies.Anonymous : RateLimitPolicies.Default);
        if (!_policies.Policies.TryGetValue(name, out var policy))
        {
            // Mapping checks names at start-up; an endpoint mapped by hand with an unknown name gets the default.
            policy = _policies.Policies[caller is null ? RateLimitPolicies.Anonymous : RateLimitPolicies.Default];
        }

        var permits = policy.Permits;
        // Written into a stack buffer: the key is the request's one allocation here.
        var key = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, stackalloc char[256]);
        key.AppendFormatted(policy.Name);
        // An agent whose credential names no tier is in the agents' tier (built in: half the permits).
        var tier = caller?.Principal.FindFirst(TierClaimType)?.Value is { Length: > 0 } claimed ? claimed
            : caller?.ClientKind == ClientKind.Agent ? _agentTier : null;
        if (tier is not null && _policies.TierSettings(tier) is { } tierSettings)
        {
            permits = Apply(tierSettings, permits);
            key.AppendLiteral("|t:");
            key.AppendFormatted(tier);
        }

        if (caller?.ClientKind == ClientKind.Agent)
        {
            // Agents never spend the budget of the user they act for, and may be given less (or more) of their own.
            permits = Apply(_policies.Options.Agents, permits);
            key.AppendLiteral("|agent");
        }

        var ip = context.Connection.RemoteIpAddress;
        if (policy.Partition.HasFlag(RatePartition.Caller))
        {
            // An agent's partition is the agent (actor and subject): two agents of one user do not share a budget.
            if (caller is null)
            {
                AppendIp(ref key, ip);
            }
            else if (SecureApi.AiGuards.AgentIdentity.KeyOf(caller) is { } agent)
            {
                AppendPart(ref key, "|a:", agent);
            }
            else
            {
                AppendPart(ref key, "|c:", caller.Subject);
            }
        }

        if (policy.Partition.HasFlag(RatePartition.ApiKey))
        {
            if (caller?.Principal.FindFirst(KeyIdClaimType)?.Value is { } keyId)
            {
                AppendPart(ref key, "|k:", keyId);
            }
            else if (caller is null)
            {
                AppendIp(ref key, ip);
            }
            else
            {
                AppendPart(ref key, "|c:", caller.Subject);
            }
        }

        if (policy.Partition.HasFlag(RatePartition.ClientIp))
        {
            AppendIp(ref key, ip);
        }

        if (policy.Partition.HasFlag(RatePartition.Endpoint))
        {
            // The route pattern, not the path: /Notes/, /notes and /notes/%31 all match one pattern.
            AppendPart(ref key, "|e:", context.Request.Method);
            AppendPart(ref key, " ", (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? "(unmatched)");
        }

        return (policy, permits, key.ToStringAndClear());
    }

    private static void AppendPart(ref DefaultInterpolatedStringHandler key, string separator, string value)
    {
        key.AppendLiteral(separator);
        key.AppendFormatted(value);
    }

    // Formatted into the key's buffer: no string of the address is made.
    private static void AppendIp(ref DefaultInterpolatedStringHandler key, System.Net.IPAddress? ip)
    {
        key.AppendLiteral("|ip:");
        key.AppendFormatted(ip);
    }

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => _inner.GetStatistics(resource);

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount)
    {
        // A refused attempt is not the answer: the middleware then waits on AcquireAsync (the Redis limiter always
        // refuses the synchronous attempt, to ask Redis asynchronously), which writes the headers of the real decision.
        var lease = _inner.AttemptAcquire(resource, permitCount);
        return lease.IsAcquired ? Annotate(resource, lease) : lease;
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        Annotate(resource, await _inner.AcquireAsync(resource, permitCount, cancellationToken).ConfigureAwait(false));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private static int Apply(RateLimitTierOptions settings, int permits) =>
        settings.Permits ?? Math.Max(1, (int)Math.Floor(permits * (settings.PermitMultiplier ?? 1)));

    private RateLimitPartition<PartitionKey> Partition(HttpContext context)
    {
        // The middleware asks for the partition more than once per request (attempt, statistics, the asynchronous wait):
        // choose once and keep the choice with the request. A kept choice means the endpoint did not opt out (below), so
        // the later asks skip the metadata lookup.
        if (SelectedRateLimit.Of(context) is not { } selected)
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.RateLimiting.DisableRateLimitingAttribute>() is not null)
            {
                // The explicit opt-out. Nothing goes in Items, so Annotate writes no RateLimit headers: there is no limit to describe.
                return RateLimitPartition.GetNoLimiter(s_unlimited);
            }

            var (chosen, chosenPermits, chosenKey) = Select(context);
            selected = new SelectedRateLimit(chosen, chosenPermits, chosenKey);
            context.Items[typeof(SelectedRateLimit)] = selected;
        }

        var (policy, permits, key) = selected;
        return RateLimitPartition.Get(new PartitionKey(key, permits, policy), _newLimiter);
    }

    private static RateLimiter Create(RateLimitPolicy policy, int permits) => policy.Kind switch
    {
        // AutoReplenishment off: the partitioned limiter's own timer replenishes, one timer for all partitions.
        RateLimitKind.SlidingWindow => new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = permits, Window = policy.Window, SegmentsPerWindow = policy.Segments, QueueLimit = policy.QueueLimit, AutoReplenishment = false,
        }),
        RateLimitKind.TokenBucket => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = permits, TokensPerPeriod = policy.TokensPerPeriod, ReplenishmentPeriod = policy.Window, QueueLimit = policy.QueueLimit, AutoReplenishment = false,
        }),
        RateLimitKind.Concurrency => new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = permits, QueueLimit = policy.QueueLimit }),
        _ => new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits, Window = policy.Window, QueueLimit = policy.QueueLimit, AutoReplenishment = false,
        }),
    };

    /// <summary>
    /// The policy that refused a request, for its security event: the one this limiter chose, else the ASP.NET Core
    /// policy the endpoint names, else <c>global</c>.
    /// </summary>
    internal static string PolicyOf(HttpContext context) =>
        SelectedRateLimit.Of(context) is { } selected
            ? selected.Policy.Name
            : context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>()?.PolicyName ?? "global";

    private RateLimitLease Annotate(HttpContext context, RateLimitLease lease)
    {
        if (SelectedRateLimit.Of(context) is not { } selected)
        {
            return lease;
        }

        var (policy, permits, _) = selected;
        // A shared decision says what it left; statistics, which other requests move meanwhile, serve local limiters.
        var remaining = lease.TryGetMetadata(RedisLease.RemainingPermits, out var shared)
            ? shared
            : _inner.GetStatistics(context)?.CurrentAvailablePermits ?? 0;
        RateLimitHeaders.Write(context.Response.Headers, policy, permits, remaining, lease);
        return lease;
    }

    /// <summary>Who shares a budget: the key text (which starts with the policy's name) and the permits; the policy rides along for the factory.</summary>
    private readonly struct PartitionKey(string key, int permits, RateLimitPolicy? policy) : IEquatable<PartitionKey>
    {
        public string Key => key;

        public int Permits => permits;

        public RateLimitPolicy? Policy => policy;

        public bool Equals(PartitionKey other) => permits == other.Permits && string.Equals(key, other.Key, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is PartitionKey other && Equals(other);

        public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(key), permits);
    }
}

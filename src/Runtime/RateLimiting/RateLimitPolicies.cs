using System.Globalization;

namespace SecureApi.RateLimiting;

/// <summary>The built-in policies overlaid with configuration, and the checks that fail start-up naming the setting.</summary>
internal sealed class RateLimitPolicies
{
    public const string Default = "default";
    public const string Anonymous = "anonymous";
    public const string Sensitive = "sensitive";
    public const string PerUser = "per-user";

    private const string Section = "SecureApi:RateLimiting";

    private static readonly LockoutPolicy s_sensitiveLockout = new(5, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15));

    private RateLimitPolicies(IReadOnlyDictionary<string, RateLimitPolicy> policies, RateLimitingOptions options)
    {
        Policies = policies;
        Options = options;
    }

    public IReadOnlyDictionary<string, RateLimitPolicy> Policies { get; }

    public RateLimitingOptions Options { get; }

    /// <summary>A tier's settings: configured, else the built-in agents' tier, else null (a tier not configured changes nothing).</summary>
    public RateLimitTierOptions? TierSettings(string tier) =>
        Options.Tiers.TryGetValue(tier, out var configured) ? configured
        : string.Equals(tier, SecureApi.AiGuards.AgentTier.Name, StringComparison.OrdinalIgnoreCase) ? SecureApi.AiGuards.AgentTier.Default
        : null;

    public static RateLimitPolicies From(SecureApiOptions options) => Build(options, null);

    public static void Validate(SecureApiOptions options, List<string> failures) => Build(options, failures);

    private static RateLimitPolicies Build(SecureApiOptions options, List<string>? failures)
    {
        failures ??= [];
        var window = options.RateLimitWindowSeconds;
        var builtIns = new Dictionary<string, RateLimitPolicy>(StringComparer.OrdinalIgnoreCase)
        {
            // Per caller: every key and token of one subject share it. The legacy per-user knobs set its size.
            [Default] = Fixed(Default, options.RateLimitPermits, window, RatePartition.Caller),
            [PerUser] = Fixed(PerUser, options.RateLimitPermits, window, RatePartition.Caller),

            // Anonymous callers share an address: tighter, a fifth of a caller's budget.
            [Anonymous] = Fixed(Anonymous, Math.Max(1, options.RateLimitPermits / 5), window, RatePartition.ClientIp),

            // Sign-in, key minting, token exchange: a handful per minute per caller and endpoint, and five failures in
            // fifteen minutes lock the client (or the account a sign-in handler names) out for fifteen minutes.
            [Sensitive] = Fixed(Sensitive, 10, 60, RatePartition.Caller | RatePartition.Endpoint) with { Lockout = s_sensitiveLockout },
        };

        if (options.RateLimitPermits < 1)
        {
            failures.Add("SecureApi:RateLimitPermits must be at least 1.");
        }

        if (options.RateLimitWindowSeconds < 1)
        {
            failures.Add("SecureApi:RateLimitWindowSeconds must be at least 1.");
        }

        var policies = new Dictionary<string, RateLimitPolicy>(builtIns, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, configured) in options.RateLimiting.Policies)
        {
            var at = $"{Section}:Policies:{name}";
            var basis = builtIns.GetValueOrDefault(name) ?? Fixed(name, options.RateLimitPermits, window, RatePartition.Caller);
            var kind = configured.Kind ?? basis.Kind;
            var permits = configured.Permits ?? basis.Permits;
            var seconds = configured.WindowSeconds ?? basis.Window.TotalSeconds;
            var segments = configured.Segments ?? basis.Segments;
            var queue = configured.QueueLimit ?? basis.QueueLimit;
            var partition = configured.Partition is { } text ? ParsePartition(text, $"{at}:Partition", failures) : basis.Partition;
            var tokens = configured.TokensPerPeriod ?? permits;
            Require(permits >= 1, $"{at}:Permits must be at least 1.", failures);
            Require(kind == RateLimitKind.Concurrency || seconds > 0, $"{at}:WindowSeconds must be more than 0.", failures);
            Require(segments >= 1, $"{at}:Segments must be at least 1.", failures);
            Require(tokens >= 1, $"{at}:TokensPerPeriod must be at least 1.", failures);
            Require(queue >= 0, $"{at}:QueueLimit must not be negative.", failures);
            Require(Enum.IsDefined(kind), $"{at}:Kind must be FixedWindow, SlidingWindow, TokenBucket or Concurrency.", failures);
            var lockout = Lockout(configured, basis.Lockout, at, failures);
            policies[name] = new RateLimitPolicy(name, kind, Math.Max(1, permits), TimeSpan.FromSeconds(Math.Max(seconds, 0.001)), Math.Max(1, segments), Math.Max(1, tokens), Math.Max(0, queue), partition, lockout);
        }

        foreach (var (tier, settings) in options.RateLimiting.Tiers)
        {
            CheckTier(settings, $"{Section}:Tiers:{tier}", failures);
        }

        CheckTier(options.RateLimiting.Agents, $"{Section}:Agents", failures);
        var keys = options.Authentication.ApiKeys.Static;
        for (var i = 0; i < keys.Count; i++)
        {
            Require(keys[i].Tier is null || RateLimitTierNames.IsValid(keys[i].Tier!), $"SecureApi:Authentication:ApiKeys:Static:{i}:Tier: {RateLimitTierNames.Rule}", failures);
        }

        return new RateLimitPolicies(policies, options.RateLimiting);
    }

    private static RateLimitPolicy Fixed(string name, int permits, double seconds, RatePartition partition) =>
        new(name, RateLimitKind.FixedWindow, Math.Max(1, permits), TimeSpan.FromSeconds(Math.Max(1, seconds)), 6, Math.Max(1, permits), 0, partition);

    /// <summary>The configured lockout over the built-in's; null when off. Window and duration default to 15 minutes.</summary>
    private static LockoutPolicy? Lockout(RateLimitPolicyOptions configured, LockoutPolicy? basis, string at, List<string> failures)
    {
        var count = configured.LockoutFailures ?? basis?.Failures ?? 0;
        var window = configured.LockoutWindowSeconds ?? basis?.Window.TotalSeconds ?? s_sensitiveLockout.Window.TotalSeconds;
        var duration = configured.LockoutSeconds ?? basis?.Duration.TotalSeconds ?? s_sensitiveLockout.Duration.TotalSeconds;
        Require(count >= 0, $"{at}:LockoutFailures must not be negative (0 turns lockout off).", failures);
        Require(window > 0, $"{at}:LockoutWindowSeconds must be more than 0.", failures);
        Require(duration > 0, $"{at}:LockoutSeconds must be more than 0.", failures);
        return count > 0 && window > 0 && duration > 0
            ? new LockoutPolicy(count, TimeSpan.FromSeconds(window), TimeSpan.FromSeconds(duration))
            : null;
    }

    private static void CheckTier(RateLimitTierOptions tier, string at, List<string> failures)
    {
        Require(tier.Permits is null or >= 1, $"{at}:Permits must be at least 1.", failures);
        Require(tier.PermitMultiplier is null or > 0, $"{at}:PermitMultiplier must be more than 0.", failures);
    }

    private static RatePartition ParsePartition(string text, string at, List<string> failures)
    {
        var partition = RatePartition.None;
        foreach (var part in text.Split('+', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Enum.TryParse<RatePartition>(part, ignoreCase: true, out var value) && value != RatePartition.None && part.All(char.IsLetter))
            {
                partition |= value;
            }
            else
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{at} '{part}' is not one of Caller, ApiKey, ClientIp, Endpoint (combine with '+')."));
            }
        }

        if (partition == RatePartition.None)
        {
            failures.Add($"{at} must name at least one of Caller, ApiKey, ClientIp, Endpoint.");
            return RatePartition.Caller;
        }

        return partition;
    }

    private static void Require(bool condition, string failure, List<string> failures)
    {
        if (!condition)
        {
            failures.Add(failure);
        }
    }
}

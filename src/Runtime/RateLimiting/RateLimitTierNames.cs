namespace SecureApi.RateLimiting;

/// <summary>What a tier name may be, wherever one is given (a minted key, a static key): a plain configuration key.</summary>
internal static class RateLimitTierNames
{
    public const string Rule = "The tier must be 1-50 letters, digits, '-' or '_'.";

    public static bool IsValid(string tier) =>
        tier.Length is > 0 and <= 50 && tier.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}

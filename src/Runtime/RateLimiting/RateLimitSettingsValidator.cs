using Microsoft.Extensions.Options;

namespace SecureApi.RateLimiting;

/// <summary>A malformed rate-limit setting stops start-up with the setting's name, not the first request it would limit.</summary>
internal sealed class RateLimitSettingsValidator : IValidateOptions<SecureApiOptions>
{
    public ValidateOptionsResult Validate(string? name, SecureApiOptions options)
    {
        var failures = new List<string>();
        RateLimitPolicies.Validate(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

using System.Globalization;
using Microsoft.Extensions.Options;
using SecureApi.RateLimiting;

namespace SecureApi.AiGuards;

/// <summary>A malformed <c>SecureApi:Agents</c> setting stops start-up with the setting's name.</summary>
internal sealed class AgentSettingsValidator : IValidateOptions<AgentOptions>
{
    private const string At = AgentOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, AgentOptions options)
    {
        var failures = new List<string>();
        Require(RateLimitTierNames.IsValid(options.Tier), $"{At}:Tier: {RateLimitTierNames.Rule}", failures);
        Require(options.Requests >= 1, $"{At}:Requests must be at least 1.", failures);
        Require(options.WindowSeconds >= 1, $"{At}:WindowSeconds must be at least 1.", failures);
        foreach (var (unit, budget) in options.Units)
        {
            Require(RateLimitTierNames.IsValid(unit) && unit != AgentBudget.RequestsUnit,
                $"{At}:Units:{unit}: a unit name must be 1-50 letters, digits, '-' or '_', and not '{AgentBudget.RequestsUnit}'.", failures);
            Require(budget.Budget >= 1, $"{At}:Units:{unit}:Budget must be at least 1.", failures);
            Require(budget.WindowSeconds >= 1, $"{At}:Units:{unit}:WindowSeconds must be at least 1.", failures);
        }

        Require(options.Throttle.Multiplier is > 0 and <= 1, $"{At}:Throttle:Multiplier must be more than 0 and at most 1.", failures);
        Require(options.Throttle.Seconds >= 1, $"{At}:Throttle:Seconds must be at least 1.", failures);
        Check(options.Detectors.ErrorSurge, "ErrorSurge", failures);
        Check(options.Detectors.Loop, "Loop", failures);
        Check(options.Detectors.NewEndpoint, "NewEndpoint", failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(AgentDetectorOptions detector, string name, List<string> failures)
    {
        var at = string.Create(CultureInfo.InvariantCulture, $"{At}:Detectors:{name}");
        Require(detector.Threshold >= 1, $"{at}:Threshold must be at least 1.", failures);
        Require(detector.WindowSeconds >= 1, $"{at}:WindowSeconds must be at least 1.", failures);
        Require(detector.BlockSeconds >= 1, $"{at}:BlockSeconds must be at least 1.", failures);
        Require(detector.MinErrorShare is >= 0 and <= 1, $"{at}:MinErrorShare must be between 0 and 1.", failures);
        Require(detector.WarmUpRequests >= 1, $"{at}:WarmUpRequests must be at least 1.", failures);
        Require(Enum.IsDefined(detector.Response), $"{at}:Response must be Alert, Throttle or Block.", failures);
    }

    private static void Require(bool condition, string failure, List<string> failures)
    {
        if (!condition)
        {
            failures.Add(failure);
        }
    }
}

using Microsoft.Extensions.Options;

namespace SecureApi.Hosting;

/// <summary>Load-shedding limits that cannot work (a limit of 0 refuses everything) stop start-up with the setting's name.</summary>
internal sealed class LoadSheddingSettingsValidator : IValidateOptions<SecureApiOptions>
{
    public ValidateOptionsResult Validate(string? name, SecureApiOptions options)
    {
        var settings = options.LoadShedding;
        if (!settings.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (settings.MaxConcurrentRequests < 1)
        {
            failures.Add("SecureApi:LoadShedding:MaxConcurrentRequests must be at least 1; set SecureApi:LoadShedding:Enabled to false to switch load shedding off.");
        }

        if (settings.QueueLimit < 0)
        {
            failures.Add("SecureApi:LoadShedding:QueueLimit must be 0 or more.");
        }

        if (settings.QueueTimeoutSeconds < 1)
        {
            failures.Add("SecureApi:LoadShedding:QueueTimeoutSeconds must be at least 1.");
        }

        if (settings.RetryAfterSeconds < 1)
        {
            failures.Add("SecureApi:LoadShedding:RetryAfterSeconds must be at least 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

using System.Collections.Frozen;

namespace SecureApi.AiGuards.OutputFiltering;

/// <summary>The action for each kind, resolved once from <see cref="OutputFilterOptions"/> (kind ids matched ignoring case).</summary>
internal sealed class OutputPolicy
{
    private readonly FrozenDictionary<string, OutputFilterAction> _actions;

    public OutputPolicy(OutputFilterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configured = new Dictionary<string, OutputFilterAction>(options.Kinds ?? [], StringComparer.OrdinalIgnoreCase);
        _actions = OutputKinds.All.ToFrozenDictionary(
            static kind => kind,
            kind => configured.TryGetValue(kind, out var action) ? action : options.DefaultAction,
            StringComparer.Ordinal);
    }

    /// <summary>Every kind redacted: what applies where no host configured the filter (a member written outside a request).</summary>
    public static OutputPolicy Default { get; } = new(new OutputFilterOptions());

    public OutputFilterAction ActionFor(string kind) => _actions.TryGetValue(kind, out var action) ? action : OutputFilterAction.Redact;
}

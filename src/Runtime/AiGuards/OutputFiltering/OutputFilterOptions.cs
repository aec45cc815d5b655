namespace SecureApi.AiGuards.OutputFiltering;

/// <summary>The output firewall's policy (<c>SecureApi:OutputFilter</c>): what to do with each kind it finds.</summary>
public sealed class OutputFilterOptions
{
    /// <summary>The action for a kind <see cref="Kinds"/> does not name. Default <see cref="OutputFilterAction.Redact"/>.</summary>
    public OutputFilterAction DefaultAction { get; set; } = OutputFilterAction.Redact;

    /// <summary>The action per kind id (<see cref="OutputKinds"/>), e.g. <c>"private-key": "Refuse"</c>; ids are matched ignoring case.</summary>
    public Dictionary<string, OutputFilterAction> Kinds { get; set; } = [];
}

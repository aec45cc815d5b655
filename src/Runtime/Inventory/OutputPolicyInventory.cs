using SecureApi.AiGuards.OutputFiltering;

namespace SecureApi.Inventory;

/// <summary>
/// The output firewall's policy as the inventory lists it: every kind with the action the configuration gives it,
/// resolved by the firewall's own <see cref="OutputPolicy"/>, so the inventory cannot disagree with what the filter does.
/// </summary>
internal static class OutputPolicyInventory
{
    public static IReadOnlyList<InventoryOutputKind> Describe(OutputFilterOptions options)
    {
        var policy = new OutputPolicy(options);
        return [.. OutputKinds.All.Select(kind => new InventoryOutputKind(kind, Name(policy.ActionFor(kind))))];
    }

    private static string Name(OutputFilterAction action) => action switch
    {
        OutputFilterAction.Refuse => "refuse",
        OutputFilterAction.Allow => "allow",
        _ => "redact",
    };
}

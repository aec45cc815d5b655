namespace SecureApi.Generators.Tests.Scenarios;

/// <summary>
/// A small service about one feature, whose generated files are approved in <c>Snapshots/{Name}/</c>: a change to how
/// that feature is emitted shows up in the snapshot that is about it. Keep the sources small and stable.
/// </summary>
public sealed record SnapshotScenario(string Name, params string[] Sources)
{
    /// <summary>Every scenario, by name (the name is also its snapshot folder).</summary>
    public static readonly IReadOnlyList<SnapshotScenario> All =
    [
        QueryAndRouteBinding.Scenario,
        ValidatedBody.Scenario,
        OwnedResourceCrud.Scenario,
        TenantSequentialResource.Scenario,
        AnonymousStaticEndpoint.Scenario,
        UntrustedTextMembers.Scenario,
        FilteredOutput.Scenario,
        QuarantinedSharedResource.Scenario,
        EvolvingResource.Scenario,
    ];

    public override string ToString() => Name;
}

namespace SecureApi.IntegrationTests.Allocations;

/// <summary>
/// Allocation tests run alone: a meter listener another test starts could otherwise switch this host's instruments on
/// while bytes are being counted.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationTestGroup
{
    public const string Name = "Allocations";
}

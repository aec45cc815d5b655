using BenchmarkDotNet.Running;
using SecureApi.Benchmarks.Allocation;
using SecureApi.Benchmarks.Generation;
using SecureApi.Benchmarks.Stages;

// `-- generator [endpoints] [resources]`: the timed generator harness (GeneratorCostHarness); `-- allocations
// [requests] [--types]`: bytes allocated per POST and GET over Kestrel, the server's own (PostAllocationHarness);
// `-- allocations-get [N] [--types]`: bytes per GET on TestServer, whole pipeline against bare endpoints
// (GetAllocationProbe); both run one host (ProbeHost). Anything else goes to BenchmarkDotNet.
// The PostgreSQL store benchmark is left out, with a message, when no server is named.
if (args is ["generator", ..])
{
    return GeneratorCostHarness.Run(args[1..]);
}
if (args is ["allocations-get", ..])
{
    return await GetAllocationProbe.RunAsync(args[1..]);
}
if (args is ["allocations", ..])
{
    return await PostAllocationHarness.RunAsync(args[1..]);
}
var types = typeof(Program).Assembly.GetTypes()
    .Where(type => type.IsPublic && !type.IsAbstract && type.GetMethods().Any(m => m.IsDefined(typeof(BenchmarkDotNet.Attributes.BenchmarkAttribute), false)))
    .ToList();
if (!PostgreSqlStoreReadBenchmarks.IsAvailable)
{
    types.Remove(typeof(PostgreSqlStoreReadBenchmarks));
    Console.Error.WriteLine($"PostgreSqlStoreReadBenchmarks skipped: set {StageHost.PostgreSqlVariable} to a PostgreSQL connection string to measure it.");
}
BenchmarkSwitcher.FromTypes([.. types]).Run(args);
return 0;

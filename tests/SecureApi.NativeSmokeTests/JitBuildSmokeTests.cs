namespace SecureApi.NativeSmokeTests;

/// <summary>The same smoke suite against the JIT build of the sample, so any difference from the native binary shows.</summary>
[Collection(SharedPublishedSample.Name)]
public sealed class JitBuildSmokeTests(PublishedSample sample) : SmokeTests(sample, SampleBuild.JitBuild);

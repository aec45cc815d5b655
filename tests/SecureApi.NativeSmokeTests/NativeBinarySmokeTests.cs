namespace SecureApi.NativeSmokeTests;

/// <summary>The smoke suite against the sample published with <c>PublishAot</c>: the native executable itself.</summary>
[Collection(SharedPublishedSample.Name)]
public sealed class NativeBinarySmokeTests(PublishedSample sample) : SmokeTests(sample, SampleBuild.NativeBinary);

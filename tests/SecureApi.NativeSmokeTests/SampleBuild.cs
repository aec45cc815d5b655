namespace SecureApi.NativeSmokeTests;

/// <summary>The two ways the sample is published and run: the smoke suite runs against each.</summary>
public enum SampleBuild
{
    /// <summary><c>PublishAot</c>: one self-contained native executable, no JIT and no runtime installed.</summary>
    NativeBinary,

    /// <summary>A framework-dependent Release publish, run with <c>dotnet NotesService.dll</c> on the installed runtime.</summary>
    JitBuild,
}

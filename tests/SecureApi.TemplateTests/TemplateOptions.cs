namespace SecureApi.TemplateTests;

/// <summary>One combination of <c>dotnet new secureapi</c>'s options.</summary>
public sealed record TemplateOptions(string Database, bool Aot, bool NoSampleData)
{
    /// <summary>The options as typed after <c>dotnet new secureapi</c>.</summary>
    public string Arguments => $"--database {Database}" + (Aot ? " --aot" : "") + (NoSampleData ? " --no-sample-data" : "");

    /// <summary>A folder name that tells the combinations apart.</summary>
    public string Folder => Database + (Aot ? "-aot" : "") + (NoSampleData ? "-no-sample-data" : "");

    public override string ToString() => Arguments;
}

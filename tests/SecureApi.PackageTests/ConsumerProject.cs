namespace SecureApi.PackageTests;

/// <summary>A fresh web project that references the packed SecureApi, restored from the local feed (the nuget.config above it), as a user's would.</summary>
internal static class ConsumerProject
{
    /// <param name="properties">Extra MSBuild properties for the project's PropertyGroup, as XML.</param>
    public static string Write(PackedPackage package, string name, string program, string properties = "")
    {
        var directory = Path.Combine(package.Root, name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <IsAotCompatible>true</IsAotCompatible>
                {properties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="SecureApi" Version="{package.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), program);
        return directory;
    }
}

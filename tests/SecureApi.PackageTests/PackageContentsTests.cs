using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace SecureApi.PackageTests;

/// <summary>What a team's review looks for in the packed .nupkg (and .snupkg), read as the zip files they are.</summary>
[Collection(SharedPackedPackage.Name)]
public sealed class PackageContentsTests(PackedPackage package)
{
    [Fact]
    public void NuspecCarriesTheMitLicenseExpression()
    {
        var license = Nuspec("license");
        Assert.Equal(("expression", "MIT"), ((string?)license.Attribute("type"), license.Value));
    }

    [Fact]
    public void NuspecCarriesTheProjectUrl() =>
        Assert.Equal("https://example.invalid/secureapi", Nuspec("projectUrl").Value);

    [Fact]
    public void NuspecCarriesTheGitRepositoryAndItsCommit()
    {
        var repository = Nuspec("repository");
        Assert.Equal("git", (string?)repository.Attribute("type"));
        Assert.Equal("https://example.invalid/secureapi", (string?)repository.Attribute("url"));
        Assert.Matches("^[0-9a-f]{40}$", (string?)repository.Attribute("commit")); // the exact sources the package was built from
    }

    [Fact]
    public void PackageCarriesTheReadmeItsNuspecNames()
    {
        Assert.Equal("README.md", Nuspec("readme").Value);
        Assert.Contains("README.md", Entries(package.Package));
    }

    [Fact]
    public void PackageCarriesTheIconItsNuspecNames()
    {
        Assert.Equal("icon.png", Nuspec("icon").Value);
        using var zip = ZipFile.OpenRead(package.Package);
        var icon = zip.GetEntry("icon.png") ?? throw new Xunit.Sdk.XunitException("icon.png is not in the package");
        using var stream = icon.Open();
        var signature = new byte[8];
        stream.ReadExactly(signature);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, signature); // a PNG, as NuGet requires
    }

    [Fact]
    public void PackageCarriesTheCheckedInReleaseNotes()
    {
        var notes = File.ReadAllText(Path.Combine(package.Repository, "RELEASE-NOTES.md")).Trim();
        Assert.Equal(notes, Nuspec("releaseNotes").Value.Trim());
        Assert.Contains("RELEASE-NOTES.md", Entries(package.Package));
    }

    [Fact]
    public void GeneratorShipsUnderAnalyzersOnly()
    {
        var entries = Entries(package.Package);
        Assert.Contains("analyzers/dotnet/cs/SecureApi.Generators.dll", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.EndsWith("SecureApi.Generators.dll", StringComparison.Ordinal));
    }

    [Fact]
    public void TargetsShipForTheAppAndForItsDependants()
    {
        var entries = Entries(package.Package);
        Assert.Equal(["build/SecureApi.targets", "buildTransitive/SecureApi.targets"],
            entries.Where(e => e.EndsWith("SecureApi.targets", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void StartupTypesShipBesideTheTargets()
    {
        var entries = Entries(package.Package);
        Assert.Equal(["build/SecureApi.Startup.rd.xml", "buildTransitive/SecureApi.Startup.rd.xml"],
            entries.Where(e => e.EndsWith("SecureApi.Startup.rd.xml", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void LibraryAssemblySaysItIsTrimmable() =>
        Assert.Equal("True", AssemblyMetadata("lib/net10.0/SecureApi.dll", "IsTrimmable"));

    [Fact]
    public void SymbolsPackageCarriesThePdb() =>
        Assert.Contains("lib/net10.0/SecureApi.pdb", Entries(package.SymbolsPackage));

    [Fact]
    public void SymbolsPdbMapsItsSourcesToTheRepositoryAtTheBuiltCommit()
    {
        using var archive = ZipFile.OpenRead(package.SymbolsPackage);
        using var copy = new MemoryStream();
        using (var stream = archive.GetEntry("lib/net10.0/SecureApi.pdb")!.Open())
        {
            stream.CopyTo(copy);
        }

        copy.Position = 0;
        using var provider = MetadataReaderProvider.FromPortablePdbStream(copy);
        var reader = provider.GetMetadataReader();
        var sourceLink = reader.CustomDebugInformation
            .Select(reader.GetCustomDebugInformation)
            .Where(c => reader.GetGuid(c.Kind) == SourceLinkKind)
            .Select(c => System.Text.Encoding.UTF8.GetString(reader.GetBlobBytes(c.Value)))
            .SingleOrDefault();
        var commit = (string?)Nuspec("repository").Attribute("commit");
        Assert.Contains($"\"https://example.invalid/secureapi/raw/{commit}/*\"", sourceLink, StringComparison.Ordinal); // the built commit's sources
    }

    // The portable PDB's custom debug information kind for the SourceLink JSON.
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    private static List<string> Entries(string path)
    {
        using var archive = ZipFile.OpenRead(path);
        return archive.Entries.Select(e => e.FullName).ToList();
    }

    private XElement Nuspec(string element)
    {
        using var archive = ZipFile.OpenRead(package.Package);
        using var stream = archive.GetEntry("SecureApi.nuspec")!.Open();
        return XDocument.Load(stream).Descendants().Single(e => e.Name.LocalName == element);
    }

    /// <summary>The value of an [assembly: AssemblyMetadata(key, value)] in a packed assembly, read without loading it.</summary>
    private string? AssemblyMetadata(string entry, string key)
    {
        using var archive = ZipFile.OpenRead(package.Package);
        using var copy = new MemoryStream(); // PEReader needs a seekable stream
        using (var stream = archive.GetEntry(entry)!.Open())
        {
            stream.CopyTo(copy);
        }

        copy.Position = 0;
        using var pe = new PEReader(copy);
        var reader = pe.GetMetadataReader();
        foreach (var handle in reader.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = reader.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind != HandleKind.MemberReference)
            {
                continue;
            }

            var type = reader.GetTypeReference((TypeReferenceHandle)reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent);
            if (reader.GetString(type.Name) != "AssemblyMetadataAttribute")
            {
                continue;
            }

            // Blob: prolog 0x0001, then the two string arguments (key, value).
            var blob = reader.GetBlobReader(attribute.Value);
            blob.ReadUInt16();
            if (blob.ReadSerializedString() == key)
            {
                return blob.ReadSerializedString();
            }
        }

        return null;
    }
}

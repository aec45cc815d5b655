// Prints "full type name<TAB>assembly name" for every type defined in the assemblies of the given folders (nested types
// as Outer+Inner, as Type.ToString() writes them). startup-types.py uses it to qualify the type names DI logs.
//
//   dotnet run benchmarks/profile/TypeAssemblies.cs -- <folder> [<folder> ...]
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

foreach (var folder in args)
{
    foreach (var file in Directory.GetFiles(folder, "*.dll"))
    {
        using var pe = new PEReader(File.OpenRead(file));
        if (!pe.HasMetadata)
        {
            continue; // a native library
        }

        var metadata = pe.GetMetadataReader();
        if (!metadata.IsAssembly)
        {
            continue;
        }

        var assembly = metadata.GetString(metadata.GetAssemblyDefinition().Name);
        foreach (var handle in metadata.TypeDefinitions)
        {
            Console.WriteLine($"{FullName(metadata, metadata.GetTypeDefinition(handle))}\t{assembly}");
        }
    }
}

static string FullName(MetadataReader metadata, TypeDefinition type)
{
    var name = metadata.GetString(type.Name);
    if (!type.GetDeclaringType().IsNil)
    {
        return FullName(metadata, metadata.GetTypeDefinition(type.GetDeclaringType())) + "+" + name;
    }

    var space = metadata.GetString(type.Namespace);
    return space.Length == 0 ? name : space + "." + name;
}

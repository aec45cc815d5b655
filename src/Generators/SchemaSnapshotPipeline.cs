using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SecureApi.Generators.Emitting;
using SecureApi.Generators.Models;
using SecureApi.Generators.Parsing;
using SecureApi.Generators.Resolving;

namespace SecureApi.Generators;

/// <summary>
/// The schema snapshot's steps, wiring only: the declared schema, the checked-in <c>secureapi.schema.json</c> (an
/// AdditionalFiles item), the snapshot text the <c>schema</c> command writes, the diagnostics of what changed, and the
/// compiled-in schema version.
/// </summary>
internal static class SchemaSnapshotPipeline
{
    /// <returns>The compiled-in schema version (the checked-in snapshot's; 0 without one), which the inventory lists.</returns>
    public static IncrementalValueProvider<int> Initialize(IncrementalGeneratorInitializationContext context, IncrementalValueProvider<ImmutableArray<ResourceSpec>> resources)
    {
        // Where each [Resource] type and its members are declared, for the diagnostics (the resource spec keeps no locations).
        var members = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypes.ResourceAttributeName,
                static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                static (syntax, _) => SchemaMemberParser.Parse((INamedTypeSymbol)syntax.TargetSymbol, syntax.SemanticModel.Compilation))
            .WithTrackingName(TrackingNames.ResourceSchemaMembers)
            .Collect();

        // The checked-in snapshot, or null without one; any other additional file is filtered out before it is read.
        var snapshot = context.AdditionalTextsProvider
            .Where(static file => SchemaSnapshotReader.IsSnapshot(file.Path))
            .Select(static (file, cancellationToken) => SchemaSnapshotReader.Read(file.Path, file.GetText(cancellationToken)?.ToString()))
            .Collect()
            .Select(static (files, _) => files.OrderBy(f => f.Path, System.StringComparer.Ordinal).FirstOrDefault())
            .WithTrackingName(TrackingNames.SchemaSnapshotFile);

        // The schema the code declares, as the snapshot records it (no locations, so moving code leaves it cached).
        var declared = resources
            .Select(static (specs, _) => DeclaredSchema.Build(specs))
            .WithTrackingName(TrackingNames.DeclaredSchema);

        // The snapshot text, its version bumped when the declaration differs; none for a service with no resource and no snapshot.
        var text = declared
            .Combine(snapshot)
            .Select(static (pair, _) => pair.Left.Tables.Count == 0 && pair.Right is null ? null : SchemaSnapshotWriter.Write(pair.Left, SchemaVersions.Next(pair.Right, pair.Left)))
            .WithTrackingName(TrackingNames.SchemaSnapshotText);
        context.RegisterSourceOutput(text, static (output, json) =>
        {
            if (json is not null)
            {
                output.AddSource(SchemaSnapshotEmitter.HintName, SchemaSnapshotEmitter.Emit(json));
            }
        });

        // What changed since the snapshot, and what each unsafe change needs declared (a resource's [MigrationStep]s declare some).
        var diagnostics = declared
            .Combine(snapshot)
            .Combine(members)
            .Combine(resources)
            .Select(static (pair, _) => SchemaComparer.Compare(pair.Left.Left.Left, pair.Left.Left.Right, pair.Left.Right, pair.Right))
            .WithTrackingName(TrackingNames.SchemaDiagnostics);
        context.RegisterSourceOutput(diagnostics, static (output, items) => SecureApiGenerator.Report(output, items));

        // The compiled-in version: the snapshot's (the runtime's default, 0, stands without one).
        var version = snapshot.Select(static (file, _) => file?.Version ?? 0).WithTrackingName(TrackingNames.SchemaVersion);
        context.RegisterSourceOutput(version, static (output, value) =>
        {
            if (value > 0)
            {
                output.AddSource(SchemaVersionEmitter.HintName, SchemaVersionEmitter.Emit(value));
            }
        });
        return version;
    }
}

using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SecureApi.Generators.Diagnostics;
using SecureApi.Generators.Emitting;
using SecureApi.Generators.Models;
using SecureApi.Generators.Parsing;
using SecureApi.Generators.Resolving;

namespace SecureApi.Generators;

/// <summary>
/// The pipeline, wiring only: parse <c>[Resource]</c> types and <c>[Endpoints]</c> classes into plain models, join the
/// classes with the resources they name, then emit per-resource stores, per-class handlers and the assembly-wide files.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SecureApiGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Each [Resource] type, parsed once: its diagnostics, and a store per valid resource.
        var resources = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypes.ResourceAttributeName,
                static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                static (syntax, _) => ResourceParser.ParseResult((INamedTypeSymbol)syntax.TargetSymbol, KnownTypes.For(syntax.SemanticModel.Compilation)))
            .WithTrackingName(TrackingNames.Resources);
        context.RegisterSourceOutput(resources.Select(static (result, _) => result.Diagnostics), static (output, items) => Report(output, items));
        var resourceSpecs = resources
            .Where(static result => result.Spec is not null)
            .Select(static (result, _) => result.Spec!)
            .WithTrackingName(TrackingNames.ResourceSpecs);
        context.RegisterSourceOutput(resourceSpecs, static (output, spec) => output.AddSource(Emitting.Stores.StoreEmitter.HintName(spec), Emitting.Stores.StoreEmitter.Emit(spec)));

        // Every valid resource, for the classes to look theirs up in.
        var allResources = resourceSpecs.Collect().WithTrackingName(TrackingNames.AllResourceSpecs);

        // Each [Endpoints] class, parsed on its own: resources and stores named, not yet resolved.
        var drafts = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypes.EndpointsAttributeName,
                static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                static (syntax, cancellationToken) => EndpointClassParser.Parse(syntax, cancellationToken))
            .WithTrackingName(TrackingNames.EndpointClasses);

        // Each class joined with the resources: stores resolved, CRUD partials matched, resource checks run.
        var parsed = drafts
            .Combine(allResources)
            .Select(static (pair, _) => EndpointClassResolver.Resolve(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.ResolvedEndpointClasses);

        var diagnostics = parsed.Select(static (result, _) => result.Diagnostics).WithTrackingName(TrackingNames.EndpointDiagnostics);
        context.RegisterSourceOutput(diagnostics, static (output, items) => Report(output, items));

        // Routes of the whole assembly, checked for duplicates.
        var routeClaims = parsed.SelectMany(static (result, _) => result.Routes).Collect().WithTrackingName(TrackingNames.RouteClaims);
        context.RegisterSourceOutput(routeClaims, static (output, claims) => DuplicateRoutes.Report(output, claims));

        var specs = parsed
            .Where(static result => result.Spec is not null)
            .Select(static (result, _) => result.Spec!)
            .WithTrackingName(TrackingNames.EndpointSpecs);
        var all = specs.Collect().WithTrackingName(TrackingNames.AllEndpointSpecs);

        // JSON property names are decided across the assembly: only types whose short names clash are qualified.
        var qualify = all.Select(static (specs, _) => JsonNames.TypesToQualify(specs)).WithTrackingName(TrackingNames.QualifiedJsonTypes);

        // One handler file per class, with its JSON names decided.
        var named = specs
            .Combine(qualify)
            .Select(static (pair, _) => JsonNames.Apply(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.NamedEndpointSpecs);
        context.RegisterSourceOutput(named, static (output, spec) => output.AddSource(EndpointEmitter.HintName(spec), EndpointEmitter.Emit(spec)));

        // The map of every class.
        var classNames = all
            .Select(static (specs, _) => specs.Select(s => s.FullyQualifiedName).OrderBy(n => n, System.StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.EndpointClassNames);
        context.RegisterSourceOutput(classNames, static (output, names) => output.AddSource(MapEmitter.HintName, MapEmitter.Emit(names.ToList())));

        // One JSON context for every request and response type.
        var jsonTypes = all
            .Combine(qualify)
            .Select(static (pair, _) => WrittenJsonTypes.Mark(JsonNames.Apply(TypeMerger.Merge(pair.Left.SelectMany(s => s.JsonTypes), t => t.TypeName), pair.Right), pair.Left))
            .WithTrackingName(TrackingNames.JsonTypes);
        context.RegisterSourceOutput(jsonTypes, static (output, types) =>
        {
            JsonNames.ReportClashes(output, types);
            output.AddSource(JsonContextEmitter.HintName, JsonContextEmitter.Emit(types.ToList()));
        });

        // One validator file for every request type.
        var validatedTypes = all
            .Select(static (specs, _) => TypeMerger.Merge(specs.SelectMany(s => s.ValidatedTypes), t => t.TypeName))
            .WithTrackingName(TrackingNames.ValidatedTypes);
        context.RegisterSourceOutput(validatedTypes, static (output, types) => output.AddSource(ValidatorEmitter.HintName, ValidatorEmitter.Emit(types.ToList())));

        // The OpenAPI component schemas: the JSON types with the limits their validation enforces.
        var openApiSchemas = jsonTypes
            .Combine(validatedTypes)
            .Select(static (pair, _) => OpenApiSchemas.Build(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.OpenApiSchemas);
        context.RegisterSourceOutput(openApiSchemas, static (output, schemas) => output.AddSource(OpenApiSchemaEmitter.HintName, OpenApiSchemaEmitter.Emit(schemas.ToList())));

        // The security inventory: every endpoint and resource, with what the whole project silences (NoWarn, global config).
        var project = context.CompilationProvider
            .Select(static (compilation, cancellationToken) => new ProjectFacts(compilation.AssemblyName ?? "", ProjectSuppressions.Read(compilation, cancellationToken)))
            .WithTrackingName(TrackingNames.ProjectFacts);
        // The checked-in schema snapshot: its text, the changes it shows, and the compiled-in schema version.
        var schemaVersion = SchemaSnapshotPipeline.Initialize(context, allResources);

        var inventory = all
            .Combine(allResources)
            .Combine(project)
            .Combine(schemaVersion)
            .Select(static (pair, _) => InventoryWriter.Write(pair.Left.Right.Assembly, pair.Left.Left.Left, pair.Left.Left.Right, pair.Left.Right.Suppressions, pair.Right))
            .WithTrackingName(TrackingNames.Inventory);
        context.RegisterSourceOutput(inventory, static (output, json) => output.AddSource(InventoryEmitter.HintName, InventoryEmitter.Emit(json)));
    }

    internal static void Report(SourceProductionContext output, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            output.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ById[diagnostic.Id], diagnostic.Location?.ToLocation(), diagnostic.Arguments.ToArray<object>()));
        }
    }
}

/// <summary>Combines the per-class type specs into one ordered, de-duplicated list.</summary>
internal static class TypeMerger
{
    public static EquatableArray<T> Merge<T>(IEnumerable<T> types, System.Func<T, string> key)
        where T : System.IEquatable<T> =>
        types.GroupBy(key).Select(g => g.First()).OrderBy(key, System.StringComparer.Ordinal).ToEquatableArray();
}

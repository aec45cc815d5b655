using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SecureApi.Generators.Diagnostics;
using SecureApi.Generators.Emitting;
using SecureApi.Generators.Models;
using SecureApi.Generators.Parsing;

namespace SecureApi.Generators;

/// <summary>
/// The pipeline: find <c>[Endpoints]</c> classes, parse each into a plain model, emit per-class handlers and the
/// assembly-wide map, JSON context and validators. Parsing and emitting live in their own folders; this file only wires steps.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SecureApiGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.EndpointsAttribute,
                static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                static (syntax, cancellationToken) => EndpointClassParser.Parse(syntax, cancellationToken))
            .WithTrackingName(TrackingNames.EndpointClasses);

        var diagnostics = parsed.Select(static (result, _) => result.Diagnostics).WithTrackingName(TrackingNames.EndpointDiagnostics);
        context.RegisterSourceOutput(diagnostics, static (output, items) => Report(output, items));

        var routeClaims = parsed.SelectMany(static (result, _) => result.Routes).Collect().WithTrackingName(TrackingNames.RouteClaims);
        context.RegisterSourceOutput(routeClaims, static (output, claims) => ReportDuplicateRoutes(output, claims));

        var specs = parsed
            .Where(static result => result.Spec is not null)
            .Select(static (result, _) => result.Spec!)
            .WithTrackingName(TrackingNames.EndpointSpecs);
        context.RegisterSourceOutput(specs, static (output, spec) => output.AddSource(EndpointEmitter.HintName(spec), EndpointEmitter.Emit(spec)));

        var all = specs.Collect().WithTrackingName(TrackingNames.AllEndpointSpecs);

        var classNames = all
            .Select(static (specs, _) => specs.Select(s => s.FullyQualifiedName).OrderBy(n => n, System.StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.EndpointClassNames);
        context.RegisterSourceOutput(classNames, static (output, names) => output.AddSource(MapEmitter.HintName, MapEmitter.Emit(names.ToList())));

        var jsonTypes = all
            .Select(static (specs, _) => TypeMerger.Merge(specs.SelectMany(s => s.JsonTypes), t => t.TypeName))
            .WithTrackingName(TrackingNames.JsonTypes);
        context.RegisterSourceOutput(jsonTypes, static (output, types) =>
        {
            ReportJsonNameClashes(output, types);
            output.AddSource(JsonContextEmitter.HintName, JsonContextEmitter.Emit(types.ToList()));
        });

        var resources = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                ResourceParser.ResourceAttribute,
                static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                static (syntax, _) => ResourceParser.ParseResult((INamedTypeSymbol)syntax.TargetSymbol))
            .WithTrackingName(TrackingNames.Resources);
        context.RegisterSourceOutput(resources.Select(static (result, _) => result.Diagnostics), static (output, items) => Report(output, items));
        var resourceSpecs = resources
            .Where(static result => result.Spec is not null)
            .Select(static (result, _) => result.Spec!)
            .WithTrackingName(TrackingNames.ResourceSpecs);
        context.RegisterSourceOutput(resourceSpecs, static (output, spec) => output.AddSource(Emitting.Stores.StoreEmitter.HintName(spec), Emitting.Stores.StoreEmitter.Emit(spec)));

        var validatedTypes = all
            .Select(static (specs, _) => TypeMerger.Merge(specs.SelectMany(s => s.ValidatedTypes), t => t.TypeName))
            .WithTrackingName(TrackingNames.ValidatedTypes);
        context.RegisterSourceOutput(validatedTypes, static (output, types) => output.AddSource(ValidatorEmitter.HintName, ValidatorEmitter.Emit(types.ToList())));
    }

    private static void Report(SourceProductionContext output, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            output.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ById[diagnostic.Id], diagnostic.Location?.ToLocation(), diagnostic.Arguments.ToArray<object>()));
        }
    }

    private static void ReportDuplicateRoutes(SourceProductionContext output, ImmutableArray<RouteClaim> claims)
    {
        foreach (var group in claims.GroupBy(c => (c.HttpMethod, Route: Normalize(c.Route))).Where(g => g.Count() > 1))
        {
            var first = group.First();
            foreach (var duplicate in group.Skip(1))
            {
                output.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.DuplicateRoute, duplicate.Location?.ToLocation(), duplicate.HttpMethod, duplicate.Route, first.Endpoint, duplicate.Endpoint));
            }
        }
    }

    /// <summary>Routes that differ only in parameter names or constraints match the same requests.</summary>
    private static string Normalize(string route)
    {
        var parts = route.ToLowerInvariant().Split('/').Select(p => p.StartsWith("{", System.StringComparison.Ordinal) ? "{}" : p);
        return string.Join("/", parts);
    }

    private static void ReportJsonNameClashes(SourceProductionContext output, EquatableArray<JsonTypeSpec> types)
    {
        foreach (var group in types.GroupBy(t => t.PropertyName).Where(g => g.Count() > 1))
        {
            var names = group.Select(t => t.TypeName).ToList();
            output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.JsonNameClash, Location.None, names[0], names[1], group.Key));
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

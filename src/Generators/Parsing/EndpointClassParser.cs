using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SecureApi.Generators.Diagnostics;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Parsing;

/// <summary>What parsing one <c>[Endpoints]</c> class yields: the spec to emit (null when it cannot be), diagnostics, and the routes it claims.</summary>
internal sealed record EndpointClassResult(EndpointClassSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics, EquatableArray<RouteClaim> Routes);

/// <summary>Turns an <c>[Endpoints]</c> class symbol into an <see cref="EndpointClassSpec"/>.</summary>
internal static class EndpointClassParser
{
    public static EndpointClassResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var syntax = (TypeDeclarationSyntax)context.TargetNode;
        var diagnostics = new List<DiagnosticInfo>();
        if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EndpointClassNotPartial, syntax.Identifier.GetLocation(), type.Name));
            return new EndpointClassResult(null, diagnostics.ToEquatableArray(), EquatableArray<RouteClaim>.Empty);
        }

        if (type.ContainingType is not null || type.IsGenericType)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NestedEndpointClass, syntax.Identifier.GetLocation(), type.Name));
            return new EndpointClassResult(null, diagnostics.ToEquatableArray(), EquatableArray<RouteClaim>.Empty);
        }

        var endpointsAttribute = context.Attributes[0];
        var prefix = endpointsAttribute.ConstructorArguments.FirstOrDefault().Value as string ?? "";
        var tag = NamedString(endpointsAttribute, "Tag") ?? type.Name;
        var classPolicy = AccessPolicy.Read(type);

        var compilation = context.SemanticModel.Compilation;
        var resources = ClassResources.Find(type, compilation);
        var classContext = new EndpointClassContext(compilation, type.ContainingNamespace, resources.Crud is { } crudResource ? ResourceParser.Parse(crudResource, []) : null);
        var json = new JsonTypeCollector(diagnostics, compilation, cancellationToken);
        var validation = new ValidationCollector(diagnostics, cancellationToken);
        var endpoints = new List<EndpointSpec>();
        var routes = new List<RouteClaim>();
        foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var verb = method.GetAttributes().FirstOrDefault(a => a.AttributeClass.DerivesFrom(KnownNames.EndpointAttribute));
            if (verb is null)
            {
                continue;
            }

            var endpoint = EndpointParser.Parse(type, method, verb, prefix, tag, classPolicy, json, validation, diagnostics, classContext);
            ClassResources.CheckAdminStores(type, method, resources, classPolicy, diagnostics);
            ClassResources.CheckMassAssignment(method, resources, diagnostics);
            if (endpoint is not null)
            {
                endpoints.Add(endpoint);
                routes.Add(new RouteClaim(endpoint.HttpMethod, endpoint.Route, endpoint.Name, LocationInfo.From(method.Locations.FirstOrDefault())));
            }
        }

        // A primary constructor is the one generated operations chain to; otherwise the widest accessible one.
        var primary = type.InstanceConstructors.FirstOrDefault(c => c.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) is TypeDeclarationSyntax));
        var constructor = primary ?? type.InstanceConstructors
            .Where(c => c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal)
            .OrderByDescending(c => c.Parameters.Length)
            .FirstOrDefault();
        var spec = new EndpointClassSpec(
            type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString(),
            type.Name,
            type.FullName(),
            type.IsRecord ? "record" : "class",
            (constructor?.Parameters.Select(p => ResourceResolver.TypeName(p.Type, compilation, type.ContainingNamespace)) ?? Enumerable.Empty<string>()).ToEquatableArray(),
            primary is null ? null : primary.Parameters.Select(p => p.Name).ToEquatableArray(),
            endpoints.ToEquatableArray(),
            json.Types.ToEquatableArray(),
            validation.Types.ToEquatableArray());
        return new EndpointClassResult(spec, diagnostics.ToEquatableArray(), routes.ToEquatableArray());
    }

    internal static string? NamedString(AttributeData attribute, string name) =>
        attribute.NamedArguments.FirstOrDefault(n => n.Key == name).Value.Value as string;
}

/// <summary>What parsing an endpoint needs from its class beyond the method: the compilation and the class's resource.</summary>
internal sealed record EndpointClassContext(Compilation Compilation, INamespaceSymbol Namespace, ResourceSpec? Resource);

/// <summary>The access attributes of a class or method: anonymous access, role sets, rate-limit policy, body cap.</summary>
internal sealed record AccessPolicy(bool AllowAnonymous, IReadOnlyList<string> RoleSets, string? RateLimitPolicy, long? MaxBodyBytes, bool AllowUnknownQuery)
{
    public static AccessPolicy Read(ISymbol symbol) => new(
        symbol.HasAttribute(KnownNames.AllowAnonymousAttribute),
        symbol.FindAttributes(KnownNames.RequireRoleAttribute)
            .Select(a => string.Join(",", a.ConstructorArguments.SelectMany(c => c.Kind == TypedConstantKind.Array ? c.Values : [c]).Select(v => v.Value as string).Where(v => !string.IsNullOrEmpty(v))))
            .Where(set => set.Length > 0)
            .ToList(),
        symbol.FindAttribute(KnownNames.RateLimitAttribute)?.ConstructorArguments.FirstOrDefault().Value as string,
        symbol.FindAttribute(KnownNames.MaxBodySizeAttribute)?.ConstructorArguments.FirstOrDefault().Value is long bytes ? bytes : null,
        symbol.HasAttribute(KnownNames.AllowUnknownQueryAttribute));
}

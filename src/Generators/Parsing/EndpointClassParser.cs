using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SecureApi.Generators.Diagnostics;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Parsing;

/// <summary>Turns an <c>[Endpoints]</c> class symbol into an <see cref="EndpointClassDraft"/>; resources are joined in later.</summary>
internal static class EndpointClassParser
{
    public static EndpointClassDraft Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var syntax = (TypeDeclarationSyntax)context.TargetNode;
        var known = KnownTypes.For(context.SemanticModel.Compilation);
        var diagnostics = new List<DiagnosticInfo>();
        var spec = new EndpointClassSpec(type.NamespaceName(), type.Name, type.FullName(), type.IsRecord ? "record" : "class", [], null, [], [], []);
        EndpointClassDraft Refuse(DiagnosticDescriptor descriptor)
        {
            diagnostics.Add(DiagnosticInfo.Create(descriptor, syntax.Identifier.GetLocation(), type.Name));
            return new EndpointClassDraft(null, [], [], diagnostics.ToEquatableArray());
        }

        if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            return Refuse(DiagnosticDescriptors.EndpointClassNotPartial);
        }

        if (type.ContainingType is not null || type.IsGenericType)
        {
            return Refuse(DiagnosticDescriptors.NestedEndpointClass);
        }

        var endpointsAttribute = context.Attributes[0];
        var prefix = endpointsAttribute.ConstructorArguments.FirstOrDefault().Value as string ?? "";
        var tag = endpointsAttribute.NamedString("Tag") ?? type.Name;
        var classPolicy = AccessPolicy.Read(type, known, diagnostics);

        var resources = ClassResources.Find(type, known);
        var json = new JsonTypeCollector(diagnostics, known, cancellationToken);
        var validation = new ValidationCollector(diagnostics, known, cancellationToken);
        var classContext = new EndpointClassContext(
            known, type, prefix, tag, classPolicy, json, validation, resources, ChatClientUse.InConstructors(type), diagnostics, context.SemanticModel.Compilation, cancellationToken);
        var drafts = new List<EndpointDraft>();
        var endpoints = new List<EndpointSpec>();
        foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var verb = method.GetAttributes().FirstOrDefault(a => a.AttributeClass is { } attribute && known.HttpMethods.ContainsKey(attribute));
            if (verb is null)
            {
                continue;
            }

            var (draft, endpoint) = EndpointParser.Parse(method, verb, classContext);
            drafts.Add(draft);
            if (endpoint is not null)
            {
                endpoints.Add(endpoint);
            }
        }

        // A primary constructor is the one generated operations chain to; otherwise the widest accessible one.
        var primary = type.InstanceConstructors.FirstOrDefault(c => c.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) is TypeDeclarationSyntax));
        var constructor = primary ?? type.InstanceConstructors
            .Where(c => c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal)
            .OrderByDescending(c => c.Parameters.Length)
            .FirstOrDefault();
        spec = spec with
        {
            ConstructorParameterTypes = (constructor?.Parameters.Select(p => p.Type.FullName()) ?? Enumerable.Empty<string>()).ToEquatableArray(),
            PrimaryConstructorParameterNames = primary?.Parameters.Select(p => p.Name).ToEquatableArray(),
            Endpoints = endpoints.ToEquatableArray(),
            JsonTypes = json.Types.ToEquatableArray(),
            ValidatedTypes = validation.Types.ToEquatableArray(),
        };
        return new EndpointClassDraft(spec, drafts.ToEquatableArray(), resources.References.ToEquatableArray(), diagnostics.ToEquatableArray());
    }
}

/// <summary>What parsing an endpoint needs from its class beyond the method.</summary>
internal sealed record EndpointClassContext(
    KnownTypes Known, INamedTypeSymbol Type, string Prefix, string Tag, AccessPolicy ClassPolicy,
    JsonTypeCollector Json, ValidationCollector Validation, ClassResources Resources, bool ClassTakesChatClient, List<DiagnosticInfo> Diagnostics,
    Compilation Compilation, CancellationToken CancellationToken);

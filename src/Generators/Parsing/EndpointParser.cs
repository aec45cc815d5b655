using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SecureApi.Generators.Diagnostics;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Parsing;

/// <summary>Turns one endpoint method into an <see cref="EndpointSpec"/>: route, access, parameters and result.</summary>
internal static class EndpointParser
{
    public static (EndpointDraft Draft, EndpointSpec? Spec) Parse(IMethodSymbol method, AttributeData verb, EndpointClassContext context)
    {
        var known = context.Known;
        var diagnostics = context.Diagnostics;
        var httpMethod = known.HttpMethods[verb.AttributeClass!];
        var template = verb.ConstructorArguments.FirstOrDefault().Value as string ?? "";
        var route = Routes.Combine(context.Prefix, template);
        var name = verb.NamedString("Name") ?? context.Type.Name + "." + method.Name;
        var location = method.Locations.FirstOrDefault();
        var classPolicy = context.ClassPolicy;
        var methodPolicy = AccessPolicy.Read(method, known, diagnostics);
        var allowAnonymous = classPolicy.AllowAnonymous || methodPolicy.AllowAnonymous;
        var valid = CallerRequirements.Check(method, classPolicy, methodPolicy, diagnostics, out var clientKinds);
        var rateLimitPolicy = methodPolicy.RateLimitPolicy ?? classPolicy.RateLimitPolicy;
        var disableRateLimiting = methodPolicy.DisableRateLimiting ?? classPolicy.DisableRateLimiting;
        if (disableRateLimiting is not null && rateLimitPolicy is not null)
        {
            // Which one would win is a guess either way: refuse the endpoint rather than pick.
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RateLimitContradiction, location, method.Name, rateLimitPolicy));
            valid = false;
        }

        var routeParameters = Routes.ParameterNames(route);
        foreach (var routeParameter in routeParameters)
        {
            if (!method.Parameters.Any(p => string.Equals(ParameterParser.RouteName(p, known), routeParameter, System.StringComparison.OrdinalIgnoreCase)))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RouteParameterNotBound, location, route, method.Name, routeParameter));
                valid = false;
            }
        }

        var parameters = new List<ParameterSpec>();
        IParameterSymbol? body = null;
        foreach (var parameter in method.Parameters)
        {
            var spec = ParameterParser.Parse(parameter, routeParameters, context);
            if (spec is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedParameter, parameter.Locations.FirstOrDefault(), parameter.Name, method.Name, parameter.Type.ToDisplayString()));
                valid = false;
                continue;
            }

            if (spec.Source == ParameterSource.Body)
            {
                if (body is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MultipleBodies, parameter.Locations.FirstOrDefault(), method.Name, body.Name, parameter.Name));
                    valid = false;
                }

                body = parameter;
            }

            parameters.Add(spec);
        }

        var result = ReturnParser.Parse(method.ReturnType, context.Json, known);
        if (result is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedReturnType, location, method.Name, method.ReturnType.ToDisplayString()));
            valid = false;
        }

        var filterOutput = classPolicy.FilterOutput || methodPolicy.FilterOutput
            || (result is not null && result.Kind != ReturnKind.Result && ChatClientUse.Reaches(method, context.ClassTakesChatClient));
        if (filterOutput && result?.Kind == ReturnKind.Result)
        {
            // An IResult writes itself: SecureApi never sees its body, so the filter could not keep its promise.
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FilterOutputOnResult, location, method.Name));
            valid = false;
        }

        var crud = method.IsPartialDefinition && method.PartialImplementationPart is null
            ? CrudParser.Describe(method, httpMethod, routeParameters, allowAnonymous, known)
            : null;
        var roleSets = classPolicy.RoleSets.Concat(methodPolicy.RoleSets).ToEquatableArray();
        var draft = new EndpointDraft(
            method.Name, LocationInfo.From(location), !allowAnonymous && roleSets.Count > 0, valid, crud,
            ClassResources.RequestShapes(method, known).ToEquatableArray());
        if (!valid)
        {
            return (draft, null);
        }

        var (summary, description) = DocComments.Read(method);
        return (draft, new EndpointSpec(
            method.Name,
            httpMethod,
            route,
            name,
            context.Tag,
            method.IsStatic,
            allowAnonymous,
            roleSets,
            classPolicy.ScopeSets.Concat(methodPolicy.ScopeSets).ToEquatableArray(),
            clientKinds,
            classPolicy.Policies.Concat(methodPolicy.Policies).Distinct().ToEquatableArray(),
            rateLimitPolicy,
            disableRateLimiting is not null,
            methodPolicy.MaxBodyBytes ?? classPolicy.MaxBodyBytes,
            classPolicy.AllowUnknownQuery || methodPolicy.AllowUnknownQuery,
            classPolicy.ExemptFromLoadShedding || methodPolicy.ExemptFromLoadShedding,
            parameters.ToEquatableArray(),
            result!,
            null,
            summary,
            description)
        {
            UntrustedText = body is null ? EquatableArray<UntrustedMemberSpec>.Empty : UntrustedTextMembers.OfBody(body.Type, known, diagnostics),
            Suppressions = EndpointSuppressions.Find(method, classPolicy, methodPolicy, context.Compilation, known, context.CancellationToken).ToEquatableArray(),
            FilterOutput = filterOutput,
            FilterOutputDeclared = classPolicy.FilterOutput || methodPolicy.FilterOutput,
        });
    }
}

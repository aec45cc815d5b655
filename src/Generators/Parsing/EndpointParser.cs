using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SecureApi.Generators.Diagnostics;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Parsing;

/// <summary>Turns one endpoint method into an <see cref="EndpointSpec"/>: route, access, parameters and result.</summary>
internal static class EndpointParser
{
    public static EndpointSpec? Parse(
        INamedTypeSymbol type, IMethodSymbol method, AttributeData verb, string prefix, string tag, AccessPolicy classPolicy,
        JsonTypeCollector json, ValidationCollector validation, List<DiagnosticInfo> diagnostics, EndpointClassContext context)
    {
        var httpMethod = verb.AttributeClass!.Name switch
        {
            "GetAttribute" => "GET",
            "PostAttribute" => "POST",
            "PutAttribute" => "PUT",
            "PatchAttribute" => "PATCH",
            _ => "DELETE",
        };
        var template = verb.ConstructorArguments.FirstOrDefault().Value as string ?? "";
        var route = Routes.Combine(prefix, template);
        var name = EndpointClassParser.NamedString(verb, "Name") ?? type.Name + "." + method.Name;
        var location = method.Locations.FirstOrDefault();
        var methodPolicy = AccessPolicy.Read(method);
        var valid = true;

        var routeParameters = Routes.ParameterNames(route);
        foreach (var routeParameter in routeParameters)
        {
            if (!method.Parameters.Any(p => string.Equals(p.Name, routeParameter, System.StringComparison.OrdinalIgnoreCase)))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RouteParameterNotBound, location, route, method.Name, routeParameter));
                valid = false;
            }
        }

        var parameters = new List<ParameterSpec>();
        IParameterSymbol? body = null;
        foreach (var parameter in method.Parameters)
        {
            var spec = ParameterParser.Parse(parameter, routeParameters, json, validation, context);
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

        var result = ReturnParser.Parse(method.ReturnType, json);
        if (result is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedReturnType, location, method.Name, method.ReturnType.ToDisplayString()));
            valid = false;
        }

        CrudSpec? crud = null;
        if (method.IsPartialDefinition && method.PartialImplementationPart is null)
        {
            crud = CrudParser.Parse(method, httpMethod, context.Resource, routeParameters, classPolicy.AllowAnonymous || methodPolicy.AllowAnonymous, diagnostics);
            valid &= crud is not null;
        }

        if (!valid)
        {
            return null;
        }

        return new EndpointSpec(
            method.Name,
            httpMethod,
            route,
            name,
            tag,
            method.IsStatic,
            classPolicy.AllowAnonymous || methodPolicy.AllowAnonymous,
            classPolicy.RoleSets.Concat(methodPolicy.RoleSets).ToEquatableArray(),
            methodPolicy.RateLimitPolicy ?? classPolicy.RateLimitPolicy,
            methodPolicy.MaxBodyBytes ?? classPolicy.MaxBodyBytes,
            classPolicy.AllowUnknownQuery || methodPolicy.AllowUnknownQuery,
            parameters.ToEquatableArray(),
            result!,
            crud);
    }
}

/// <summary>Route templates: joining a prefix and a template, and reading parameter names.</summary>
internal static class Routes
{
    public static string Combine(string prefix, string template)
    {
        var head = "/" + prefix.Trim('/');
        var tail = template.Trim('/');
        return tail.Length == 0 ? head : head == "/" ? "/" + tail : head + "/" + tail;
    }

    /// <summary><c>/notes/{id:guid}/{*rest}</c> → <c>id</c>, <c>rest</c>.</summary>
    public static IReadOnlyList<string> ParameterNames(string route)
    {
        var names = new List<string>();
        var start = route.IndexOf('{');
        while (start >= 0)
        {
            var end = route.IndexOf('}', start);
            if (end < 0)
            {
                break;
            }

            var name = route.Substring(start + 1, end - start - 1).TrimStart('*');
            var cut = name.IndexOfAny([':', '=', '?']);
            names.Add(cut >= 0 ? name.Substring(0, cut) : name);
            start = route.IndexOf('{', end);
        }

        return names;
    }
}

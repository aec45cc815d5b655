using Microsoft.CodeAnalysis;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Parsing;

/// <summary>Classifies an endpoint's return type after unwrapping <c>Task</c>/<c>ValueTask</c>.</summary>
internal static class ReturnParser
{
    public static ReturnSpec? Parse(ITypeSymbol returnType, JsonTypeCollector json, KnownTypes known)
    {
        if (returnType.SpecialType == SpecialType.System_Void)
        {
            return new ReturnSpec(ReturnKind.NoContent, false, null, null, null, false);
        }

        if (returnType.Is(known.Task) || returnType.Is(known.ValueTask))
        {
            return new ReturnSpec(ReturnKind.NoContent, true, null, null, null, false);
        }

        var awaitable = false;
        var type = returnType;
        if ((type.Is(known.TaskOfT) || type.Is(known.ValueTaskOfT)) && type is INamedTypeSymbol awaited)
        {
            awaitable = true;
            type = awaited.TypeArguments[0];
        }

        if (type.SpecialType == SpecialType.System_Boolean)
        {
            return new ReturnSpec(ReturnKind.Found, awaitable, "bool", "bool", null, false);
        }

        if (type.Is(known.CreatedResult) && type is INamedTypeSymbol created)
        {
            var value = created.TypeArguments[0];
            return json.Add(value) is { } createdProperty
                ? new ReturnSpec(ReturnKind.Created, awaitable, value.FullName(), value.UnderlyingFullName(), createdProperty, false)
                : null;
        }

        if (type.Implements(known.IResult))
        {
            return new ReturnSpec(ReturnKind.Result, awaitable, type.FullName(), type.UnderlyingFullName(), null, MayBeNull(type));
        }

        if (json.Add(type) is { } property)
        {
            return new ReturnSpec(ReturnKind.Json, awaitable, type.FullName(), type.UnderlyingFullName(), property, MayBeNull(type));
        }

        return null;
    }

    /// <summary>Null is possible for <c>T?</c> and for references the code does not annotate (nullable context off); not for <c>T</c>.</summary>
    private static bool MayBeNull(ITypeSymbol type) =>
        type.IsNullableValueType(out _) || type.IsReferenceType && type.NullableAnnotation != NullableAnnotation.NotAnnotated;
}

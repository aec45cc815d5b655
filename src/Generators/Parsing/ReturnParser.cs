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
            return new ReturnSpec(ReturnKind.NoContent, false, null, null, false);
        }

        if (returnType.Is(known.Task) || returnType.Is(known.ValueTask))
        {
            return new ReturnSpec(ReturnKind.NoContent, true, null, null, false);
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
            return new ReturnSpec(ReturnKind.Found, awaitable, "bool", null, false);
        }

        if (type.Is(known.CreatedResult) && type is INamedTypeSymbol created)
        {
            var value = created.TypeArguments[0];
            return json.Add(value) is { } createdProperty
                ? new ReturnSpec(ReturnKind.Created, awaitable, value.FullName(), createdProperty, false)
                : null;
        }

        if (type.Implements(known.IResult))
        {
            return new ReturnSpec(ReturnKind.Result, awaitable, type.FullName(), null, type.IsReferenceType);
        }

        if (json.Add(type) is { } property)
        {
            var canBeNull = type.IsReferenceType || type.IsNullableValueType(out _);
            return new ReturnSpec(ReturnKind.Json, awaitable, type.FullName(), property, canBeNull);
        }

        return null;
    }
}

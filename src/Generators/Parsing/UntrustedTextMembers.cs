using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SecureApi.Generators.Diagnostics;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Parsing;

/// <summary>Reads <c>[UntrustedText]</c> from members (or record parameters) of request types and resources.</summary>
internal static class UntrustedTextMembers
{
    /// <summary>The mode a member (or its record parameter) declares; reports SAPI060 when the member is not a string.</summary>
    public static UntrustedTextModeSpec ModeOf(IPropertySymbol property, IMethodSymbol? constructor, KnownTypes known, List<DiagnosticInfo> diagnostics)
    {
        var attribute = property.FindAttribute(known.UntrustedTextAttribute) ?? property.ConstructorParameterFor(constructor)?.FindAttribute(known.UntrustedTextAttribute);
        if (attribute is null)
        {
            return UntrustedTextModeSpec.None;
        }

        if (property.Type.SpecialType != SpecialType.System_String)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UntrustedTextNotString, property.Locations.FirstOrDefault(), property.Name));
            return UntrustedTextModeSpec.None;
        }

        // UntrustedTextMode: Reject = 0 (the default), Quarantine = 1.
        return attribute.ConstructorArguments.FirstOrDefault().Value is 1 ? UntrustedTextModeSpec.Quarantine : UntrustedTextModeSpec.Reject;
    }

    /// <summary>The screened members of a request body type, in declaration order.</summary>
    public static EquatableArray<UntrustedMemberSpec> OfBody(ITypeSymbol bodyType, KnownTypes known, List<DiagnosticInfo> diagnostics)
    {
        if (bodyType is not INamedTypeSymbol type || known.UntrustedTextAttribute is null)
        {
            return EquatableArray<UntrustedMemberSpec>.Empty;
        }

        var constructor = type.SerializationConstructor(known);
        var members = new List<UntrustedMemberSpec>();
        foreach (var property in type.SerializableProperties(known))
        {
            var mode = ModeOf(property, constructor, known, diagnostics);
            if (mode != UntrustedTextModeSpec.None)
            {
                members.Add(new UntrustedMemberSpec(property.Name, SymbolExtensions.ToCamelCase(property.Name), mode));
            }
        }

        return members.ToEquatableArray();
    }
}

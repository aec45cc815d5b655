namespace SecureApi.Generators.Models;

/// <summary>A request type (or a type nested in one) with the validation rules of each member.</summary>
/// <param name="TrimSuppressions">Documentation ids of the members and constructors carrying <c>[MaxLength]</c>, <c>[MinLength]</c> or
/// <c>[Length]</c>, whose reflection-based <c>IsValid</c> the trimmer warns about but generated validation never calls.</param>
internal sealed record ValidatedTypeSpec(string TypeName, EquatableArray<ValidatedMemberSpec> Members, EquatableArray<string> TrimSuppressions);

internal enum MemberShape
{
    Text,
    Value,
    NullableValue,
    Enum,
    NullableEnum,
    Object,
    Collection,
}

/// <param name="JsonName">The member's name in JSON (camelCase), used in error keys.</param>
/// <param name="IsNonNullableReference">A reference member declared non-nullable: null is a "required" error.</param>
/// <param name="NestedType">The validated object type of the member, or of its elements for a collection.</param>
internal sealed record ValidatedMemberSpec(
    string PropertyName,
    string JsonName,
    string TypeName,
    MemberShape Shape,
    bool IsNonNullableReference,
    EquatableArray<RuleSpec> Rules,
    string? NestedType);

internal enum RuleKind
{
    Required,
    NoNul,
    MinLength,
    MaxLength,
    MinCount,
    MaxCount,
    Range,
    Pattern,
    Email,
    Allowed,
    Denied,
    DefinedEnum,
}

/// <summary>One rule; arguments are C# literals ready to emit.</summary>
internal sealed record RuleSpec(RuleKind Kind, string Argument1 = "", string Argument2 = "");

namespace SecureApi.Generators.Models;

internal enum JsonTypeKind
{
    /// <summary>A type with a built-in converter (<c>JsonMetadataServices.XxxConverter</c>).</summary>
    Value,
    Nullable,
    Enum,
    Array,
    List,

    /// <summary>An interface collection (<c>IReadOnlyList&lt;T&gt;</c>, <c>IEnumerable&lt;T&gt;</c>...), read into a list.</summary>
    Enumerable,
    Object,
}

/// <summary>One type in the generated <c>JsonSerializerContext</c>.</summary>
/// <param name="TypeName">Fully qualified C# type, <c>global::</c> prefixed.</param>
/// <param name="PropertyName">The context property exposing its <c>JsonTypeInfo</c>, e.g. <c>NewNote</c>.</param>
/// <param name="QualifiedPropertyName">The same with namespaces (<c>Shop_Orders_Line</c>), used when two types share <paramref name="PropertyName"/>.</param>
/// <param name="ElementType">Element (collections) or underlying type (nullable).</param>
/// <param name="Converter">The <c>JsonMetadataServices</c> converter property, for <see cref="JsonTypeKind.Value"/>.</param>
/// <param name="EnumMembers">An enum's members as JSON writes them (camelCase), for the OpenAPI schema.</param>
/// <param name="Description">The type's <c>&lt;summary&gt;</c> as plain text, for the OpenAPI schema.</param>
internal sealed record JsonTypeSpec(
    string TypeName,
    string PropertyName,
    string QualifiedPropertyName,
    JsonTypeKind Kind,
    string? ElementType,
    string? Converter,
    JsonObjectSpec? Object,
    EquatableArray<string> EnumMembers = default,
    string? Description = null)
{
    /// <summary>An endpoint writes it (a returned type, or one reachable from it): it gets a fast-path writer where its shape allows.</summary>
    public bool Written { get; init; }
}

/// <summary>How an object is created and which members it has.</summary>
/// <param name="UsesParameterizedCreator">True when values go through a constructor or object initializer (records, init-only and required members).</param>
/// <param name="SerializeOnly">Resources and types with <c>[Sensitive]</c> members are only ever written: no creator, and sensitive members left out.</param>
/// <param name="Quarantine">A resource with quarantined members: which row a written value belongs to, so a member in quarantine is withheld from other readers.</param>
internal sealed record JsonObjectSpec(
    bool SerializeOnly,
    bool UsesParameterizedCreator,
    EquatableArray<JsonPropertySpec> Properties,
    EquatableArray<JsonCreatorArgSpec> CreatorArgs,
    JsonQuarantineSpec? Quarantine = null);

/// <summary>A resource whose <c>[UntrustedText(UntrustedTextMode.Quarantine)]</c> members are withheld while in quarantine from readers other than their author and moderators.</summary>
/// <param name="Table">The resource's table: what a quarantine record names.</param>
/// <param name="KeyProperty">The C# name of its <c>[Key]</c> member.</param>
internal sealed record JsonQuarantineSpec(string Table, string KeyProperty);

/// <param name="Settable">Has an ordinary public setter (not init-only).</param>
/// <param name="InitOnly">A non-required init-only member outside the constructor: set after construction (through
/// <c>UnsafeAccessor</c>), so its initializer's value survives when the JSON leaves it out.</param>
/// <param name="IsNullable">Declared nullable (<c>string?</c>, <c>int?</c>): null is a valid value.</param>
/// <param name="FilterOutput">A <c>[FilterOutput]</c> string member: its value is read through the output firewall whenever it is written.</param>
/// <param name="QuarantineMember">For a resource's <c>[UntrustedText(UntrustedTextMode.Quarantine)]</c> member, its JSON name (what a quarantine record names): written as null to readers other than its author and moderators while in quarantine.</param>
/// <param name="Rules">The data-annotation rules declared on the member (or its constructor parameter), for the OpenAPI schema of a response type.</param>
internal sealed record JsonPropertySpec(
    string Name,
    string TypeName,
    bool Settable,
    bool InitOnly,
    bool IsRequired,
    bool IsNullable = false,
    EquatableArray<RuleSpec> Rules = default,
    string? Description = null,
    bool FilterOutput = false,
    string? QuarantineMember = null)
{
    /// <summary>The member's name as the strict options write it (<c>JsonNamingPolicy.CamelCase</c>): the fast path's pre-encoded name.</summary>
    public string JsonName { get; init; } = "";
}

/// <summary>A value the creator receives: a constructor argument, or an init/required member set in the initializer.</summary>
internal sealed record JsonCreatorArgSpec(string Name, string TypeName, bool IsMemberInitializer, bool IsNullable, bool HasDefaultValue, string? DefaultValue);

namespace SecureApi.Generators.Models;

// The models are the only thing that crosses from parsing to emitting. Rule: they hold strings, numbers, bools,
// enums and EquatableArray of other models — never ISymbol, SyntaxNode, Location, Compilation or ImmutableArray —
// so they compare by value, keep incremental steps cached, and keep no old compilation alive.

/// <summary>A <c>[Endpoints]</c> class and everything needed to emit its handlers.</summary>
/// <param name="ConstructorParameterTypes">The primary constructor's parameter types, else the widest accessible constructor's.</param>
/// <param name="PrimaryConstructorParameterNames">The primary constructor's parameter names; null when the class has none.</param>
internal sealed record EndpointClassSpec(
    string Namespace,
    string TypeName,
    string FullyQualifiedName,
    string TypeKeyword,
    EquatableArray<string> ConstructorParameterTypes,
    EquatableArray<string>? PrimaryConstructorParameterNames,
    EquatableArray<EndpointSpec> Endpoints,
    EquatableArray<JsonTypeSpec> JsonTypes,
    EquatableArray<ValidatedTypeSpec> ValidatedTypes);

/// <summary>One endpoint method.</summary>
/// <param name="RoleSets">One entry per role requirement, comma-separated roles of which one is needed; all entries must hold.</param>
/// <param name="ScopeSets">One entry per <c>[RequireScope]</c>, space-separated scopes of which one is needed; all entries must hold.</param>
/// <param name="DisableRateLimiting">Class or method says <c>[DisableRateLimiting]</c> (SAPI047): no rate limit applies.</param>
/// <param name="Summary">The first sentence of the method's <c>&lt;summary&gt;</c>, as plain text; null when it has none.</param>
/// <param name="Description">The method's whole <c>&lt;summary&gt;</c> and <c>&lt;remarks&gt;</c>, as plain text.</param>
/// <param name="ClientKinds">The <c>ClientKind</c> members admitted by every <c>[RequireClientKind]</c> of class and method; empty: any kind.</param>
internal sealed record EndpointSpec(
    string MethodName,
    string HttpMethod,
    string Route,
    string Name,
    string Tag,
    bool IsStatic,
    bool AllowAnonymous,
    EquatableArray<string> RoleSets,
    EquatableArray<string> ScopeSets,
    EquatableArray<string> ClientKinds,
    EquatableArray<string> Policies,
    string? RateLimitPolicy,
    bool DisableRateLimiting,
    long? MaxBodyBytes,
    bool AllowUnknownQuery,
    bool ExemptFromLoadShedding,
    EquatableArray<ParameterSpec> Parameters,
    ReturnSpec Return,
    CrudSpec? Crud,
    string? Summary = null,
    string? Description = null)
{
    /// <summary>SecureApi diagnostics suppressed where the endpoint is declared (the security inventory lists them).</summary>
    public EquatableArray<SuppressionSpec> Suppressions { get; init; } = EquatableArray<SuppressionSpec>.Empty;

    /// <summary>The resources the endpoint's stores reach, set once the class is joined with the resources.</summary>
    public EquatableArray<StoreUse> Stores { get; init; } = EquatableArray<StoreUse>.Empty;

    /// <summary>The body's <c>[UntrustedText]</c> members (a generated operation adds those of its resource when emitting).</summary>
    public EquatableArray<UntrustedMemberSpec> UntrustedText { get; init; } = EquatableArray<UntrustedMemberSpec>.Empty;
    /// <summary>Class or method says <c>[FilterOutput]</c>: the response's strings pass through the output firewall before it is written.</summary>
    public bool FilterOutput { get; init; }
    /// <summary>Why <see cref="FilterOutput"/>: declared (<c>[FilterOutput]</c> on the method or class) rather than by default because the endpoint uses an <c>IChatClient</c>.</summary>
    public bool FilterOutputDeclared { get; init; }

    /// <summary>For an endpoint taking a <c>PageRequest</c>: the resource whose sort and filter allow-lists apply, when known.</summary>
    public ResourceSpec? PageResource { get; init; }
}

internal enum ParameterSource
{
    Route,
    Query,

    /// <summary>A request header (<c>[FromHeader]</c>).</summary>
    Header,
    Body,
    Caller,
    Service,
    CancellationToken,
    HttpContext,

    /// <summary>A <c>PageRequest</c>: limit, cursor, sort and <c>filter.*</c> from the query string.</summary>
    Page,
}

internal enum BindKind
{
    /// <summary>Not bound from text (body, caller, services...).</summary>
    None,

    /// <summary>A type implementing <c>IParsable&lt;T&gt;</c>, strings included.</summary>
    Parsable,

    /// <summary><c>Nullable&lt;T&gt;</c> of a parsable struct.</summary>
    NullableParsable,
    Enum,
    NullableEnum,
}

/// <summary>One parameter: where its value comes from and how it is bound.</summary>
internal sealed record ParameterSpec(
    string Name,
    ParameterSource Source,
    string TypeName,
    string UnderlyingTypeName,
    string BindingName,
    BindKind BindKind,
    bool IsRequired,
    string? DefaultValue,
    string? JsonProperty,
    bool IsValueType,
    EquatableArray<string> EnumMembers = default);

internal enum ReturnKind
{
    /// <summary><c>void</c>, <c>Task</c>, <c>ValueTask</c>: 204.</summary>
    NoContent,

    /// <summary>A JSON value: 200, or 404 when null.</summary>
    Json,

    /// <summary><c>bool</c>: true → 204, false → 404.</summary>
    Found,

    /// <summary><c>Created&lt;T&gt;</c>: 201 with Location.</summary>
    Created,

    /// <summary>Any other <c>IResult</c>: executed as is.</summary>
    Result,
}

/// <summary>What the method returns, after unwrapping Task/ValueTask.</summary>
/// <param name="UnderlyingValueType"><paramref name="ValueType"/> without <c>Nullable&lt;T&gt;</c>: what <c>typeof</c> and the JSON metadata name.</param>
internal sealed record ReturnSpec(ReturnKind Kind, bool IsAwaitable, string? ValueType, string? UnderlyingValueType, string? JsonProperty, bool CanBeNull);

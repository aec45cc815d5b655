namespace SecureApi.Generators.Models;

// The parser's output for one [Endpoints] class before it is joined with the [Resource] specs. It follows the rule on
// EndpointClassSpec (plain values only): resources and stores are referred to by name, and what CRUD matching and the
// mass-assignment check need from request types is copied out as plain facts.

/// <summary>An <c>[Endpoints]</c> class as parsed, with its resource references still unresolved.</summary>
/// <param name="Spec">The class with every endpoint that parsed (null when the class itself is refused); CRUD endpoints have no <see cref="EndpointSpec.Crud"/> yet.</param>
internal sealed record EndpointClassDraft(
    EndpointClassSpec? Spec,
    EquatableArray<EndpointDraft> Endpoints,
    EquatableArray<ResourceReference> Resources,
    EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>One verb-attributed method, valid or not (the access checks run on every one).</summary>
/// <param name="RequiresRole">The endpoint requires a role and does not allow anonymous callers.</param>
/// <param name="IsValid">False when the method already failed to parse: it gets no spec.</param>
internal sealed record EndpointDraft(
    string MethodName,
    LocationInfo? Location,
    bool RequiresRole,
    bool IsValid,
    CrudShape? Crud,
    EquatableArray<RequestShape> Requests);

/// <summary>A resource the class reaches: through a store (<c>NoteStore</c>, <c>NoteAdminStore</c>) or a CRUD return type.</summary>
/// <param name="ResourceName">The resource's simple name (<c>Note</c>).</param>
/// <param name="Namespace">The resource's namespace when known (a return type, a store already generated); null for a not-yet-generated store.</param>
/// <param name="StoreTypeName">The store type as the parser saw it, to be replaced by its resolved <c>global::</c> name; null for a return type.</param>
/// <param name="Site">The method whose parameter takes the store; null for the constructor or a return type.</param>
/// <param name="ScopesCrud">The class's CRUD operations may use this resource (an owner-scoped constructor store, a partial's return type).</param>
internal sealed record ResourceReference(string ResourceName, string? Namespace, string? StoreTypeName, bool IsAdminStore, string? Site, bool ScopesCrud);

/// <summary>A class-typed parameter of an endpoint: what the mass-assignment check needs to know about it.</summary>
/// <param name="IsResource">The parameter is a resource itself, every member of which the server owns.</param>
internal sealed record RequestShape(string TypeName, bool IsResource, LocationInfo? Location, EquatableArray<RequestMember> Members);

internal sealed record RequestMember(string Name, bool IsNullable, LocationInfo? Location);

/// <summary>A body-less <c>partial</c> endpoint, described so it can be matched to a store operation once its resource is known.</summary>
/// <param name="KeyCandidates">Route-bound parameters, the route's last first: the key is the first whose type is the resource's key type.</param>
/// <param name="ResultType">The <c>T</c> of <c>Task&lt;T&gt;</c>; null when the method does not return <c>Task&lt;T&gt;</c>.</param>
/// <param name="PageOf">The element type when <c>T</c> is <c>Page&lt;X&gt;</c>.</param>
internal sealed record CrudShape(
    string HttpMethod,
    string Signature,
    bool AllowAnonymous,
    EquatableArray<KeyCandidate> KeyCandidates,
    string? PageParameter,
    string? BodyParameter,
    EquatableArray<RequestMember> BodyMembers,
    string? ResultType,
    bool ResultIsNullable,
    bool ResultIsBool,
    string? PageOf);

internal sealed record KeyCandidate(string Name, string TypeName);

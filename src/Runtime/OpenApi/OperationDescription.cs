using System.ComponentModel;

namespace SecureApi.Infrastructure;

/// <summary>
/// What the generator knows about an endpoint beyond what mapping needs: its documentation, parameters, schemas and the
/// answers its generated code can give. Read by the OpenAPI document transformer; nothing on the request path reads it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class OperationDescription
{
    /// <summary>The first sentence of the method's <c>&lt;summary&gt;</c>, or a generated one.</summary>
    public string? Summary { get; init; }

    public string? Description { get; init; }

    /// <summary>Route, query and header parameters (a <c>PageRequest</c>'s are added from <see cref="Page"/>).</summary>
    public IReadOnlyList<ParameterDescription> Parameters { get; init; } = [];

    /// <summary>The request body's component schema; null when the endpoint takes no body.</summary>
    public string? RequestSchema { get; init; }

    /// <summary>The success response's schema; null when the success has no body (204) or is an unknown <c>IResult</c>.</summary>
    public SchemaDescription? ResponseSchema { get; init; }

    /// <summary>The list parameters of a <c>PageRequest</c>, with its allow-lists; null when the endpoint takes none.</summary>
    public PageDescription? Page { get; init; }

    public OperationAnswers Answers { get; init; }

    /// <summary>The body cap in bytes (<c>[MaxBodySize]</c>, else <c>SecureApi:MaxRequestBodyBytes</c>); null without a body.</summary>
    public long? MaxBodyBytes { get; init; }

    /// <summary><c>owner</c> or <c>tenant</c> when a generated operation is scoped to the caller's rows; <c>admin</c> for the unscoped admin store.</summary>
    public string? Scoping { get; init; }

    /// <summary>Every component schema of the assembly (the same instance for all its endpoints).</summary>
    public required IReadOnlyDictionary<string, SchemaDescription> Schemas { get; init; }
}

/// <summary>A <c>PageRequest</c>'s parameters: <c>sort</c> from the sortable members, <c>filter.{member}</c> for each filterable one.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PageDescription
{
    /// <summary>JSON names of the sortable members; empty when the allow-list is not known (a hand-written list).</summary>
    public IReadOnlyList<string> Sortable { get; init; } = [];

    /// <summary>The filterable members, by JSON name, with the schema of the value.</summary>
    public IReadOnlyList<PropertyDescription> Filterable { get; init; } = [];

    /// <summary>The allow-lists are known: sort and filter names outside them are refused with 400.</summary>
    public bool AllowListsKnown { get; init; }
}

/// <summary>Answers beyond the success and the pipeline's own, which only the generated code can tell.</summary>
[Flags]
[EditorBrowsable(EditorBrowsableState.Never)]
#pragma warning disable CA1008, CA1028 // None is the first flag; int is the right size
public enum OperationAnswers
{
    None = 0,

    /// <summary>404: a null result, a false result, or not the caller's.</summary>
    NotFound = 1,

    /// <summary>The success carries an <c>ETag</c> (a versioned resource).</summary>
    ETag = 2,

    /// <summary>The success (201) carries a <c>Location</c>.</summary>
    Location = 4,

    /// <summary><c>If-Match</c> is required: 428 without it, 412 when it no longer matches.</summary>
    IfMatchRequired = 8,

    /// <summary><c>If-Match</c> is honoured when sent: 412 when it no longer matches.</summary>
    IfMatchHonoured = 16,

    /// <summary>An <c>Idempotency-Key</c> is accepted: 409 while the first is running, 410 when its resource is gone, 422 for another body.</summary>
    Idempotent = 32,

    /// <summary>The operation reads or writes the database: 503 with <c>Retry-After</c> when it is unavailable.</summary>
    Database = 64,

    /// <summary>A hand-written <c>IResult</c>: its own statuses are not known to the generator.</summary>
    HandWrittenResult = 128,

    /// <summary>A tenant-scoped operation: 403 when the caller has no tenant.</summary>
    RequiresTenant = 256,
}
#pragma warning restore CA1008, CA1028

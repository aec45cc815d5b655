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

    /// <summary><c>owner</c>, <c>tenant</c> or <c>owner,tenant</c> when a generated operation is scoped to the caller's rows; <c>admin</c> for the unscoped admin store.</summary>
    public string? Scoping { get; init; }

    /// <summary>Every component schema of the assembly (the same instance for all its endpoints).</summary>
    public required IReadOnlyDictionary<string, SchemaDescription> Schemas { get; init; }
}

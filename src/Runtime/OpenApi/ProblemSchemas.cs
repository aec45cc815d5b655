using SecureApi.Infrastructure;

namespace SecureApi.OpenApi;

/// <summary>The error bodies every SecureApi endpoint writes (RFC 9457 ProblemDetails, as <c>Problems</c> produces them).</summary>
internal static class ProblemSchemas
{
    private static readonly PropertyDescription[] s_common =
    [
        new("type", new SchemaDescription { Type = "string", Format = "uri-reference", MaxLength = 2048, Description = "A URI naming the kind of problem." }),
        new("title", new SchemaDescription { Type = "string", MaxLength = 200, Description = "A fixed, human-readable summary." }),
        new("status", new SchemaDescription { Type = "integer", Format = "int32", Minimum = "400", Maximum = "599" }),
        new("detail", new SchemaDescription { Type = "string", MaxLength = 2000 }),
        new("instance", new SchemaDescription { Type = "string", MaxLength = 2048 }),
        new("traceId", new SchemaDescription { Type = "string", MaxLength = 128, Pattern = "^[0-9A-Za-z|:._-]+$", Description = "Names the request in the service's logs." }),
    ];

    public static readonly IReadOnlyList<KeyValuePair<string, SchemaDescription>> All =
    [
        new(OperationWriter.ProblemSchema, new SchemaDescription
        {
            Type = "object",
            Description = "An RFC 9457 problem: what went wrong, and never how the service is built.",
            Properties = s_common,
            Required = ["title", "status"],
        }),
        new(OperationWriter.ValidationProblemSchema, new SchemaDescription
        {
            Type = "object",
            Description = "A 400 problem; errors names each member or parameter at fault with its messages.",
            Properties =
            [
                .. s_common,
                new("errors", new SchemaDescription
                {
                    Type = "object",
                    AdditionalProperties = new SchemaDescription
                    {
                        Type = "array",
                        MaxItems = 100,
                        Items = new SchemaDescription { Type = "string", MaxLength = 1000 },
                    },
                }),
            ],
            Required = ["title", "status"],
        }),
    ];
}

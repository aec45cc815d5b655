using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.OpenApi;
using SecureApi.Infrastructure;

namespace SecureApi.OpenApi;

/// <summary>
/// Writes one generated endpoint as an OpenAPI operation: parameters, body, exactly the responses its code and the
/// pipeline in front of it can give, its security requirement and the SecureApi facts as <c>x-secureapi-*</c> extensions.
/// </summary>
internal sealed partial class OperationWriter(OpenApiDocument document, OperationContext context)
{
    public const string BearerScheme = "bearer";
    public const string ApiKeyScheme = "apiKey";
    public const string ProblemSchema = "ProblemDetails";
    public const string ValidationProblemSchema = "ValidationProblem";

    private const string Json = "application/json";
    private const string ProblemJson = "application/problem+json";

    public void AddInfo(SecureApiOptions options)
    {
        document.Info ??= new OpenApiInfo();
        if (options.OpenApi.Title is { } title)
        {
            document.Info.Title = title;
        }

        if (options.OpenApi.Description is { } description)
        {
            document.Info.Description = description;
        }

        if (options.OpenApi.ContactName is not null || options.OpenApi.ContactEmail is not null || options.OpenApi.ContactUrl is not null)
        {
            document.Info.Contact = new OpenApiContact { Name = options.OpenApi.ContactName, Email = options.OpenApi.ContactEmail, Url = options.OpenApi.ContactUrl };
        }

        // The document is the same wherever it is read (served or written at build time): no server guessed from a request.
        document.Servers = [];
    }

    public void AddComponents(IEnumerable<IReadOnlyDictionary<string, SchemaDescription>> schemaSets)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        foreach (var set in schemaSets)
        {
            foreach (var (name, schema) in set.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                document.Components.Schemas[name] = SchemaWriter.Write(schema, document);
            }
        }

        foreach (var (name, schema) in ProblemSchemas.All)
        {
            document.Components.Schemas[name] = SchemaWriter.Write(schema, document);
        }

        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        if (context.JwtConfigured)
        {
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A JWT access token (Authorization: Bearer), validated as RFC 8725 recommends: algorithms pinned, issuer, audience and lifetime checked.",
            };
        }

        document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = Authentication.ApiKeyAuthenticationHandler.HeaderName,
            Description = "An API key in X-Api-Key (or Authorization: ApiKey <key>); stored hashed, revocable.",
        };
    }

    public void Add(EndpointDefinition definition)
    {
        var description = definition.Operation!;
        var operation = new OpenApiOperation
        {
            OperationId = definition.Name,
            Summary = description.Summary,
            Description = description.Description,
            Tags = new HashSet<OpenApiTagReference> { Tag(definition.Tag) },
            Parameters = [.. Parameters(definition, description)],
            Responses = Responses(definition, description),
            Extensions = Extensions(definition, description),
        };

        if (description.RequestSchema is { } requestSchema)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                {
                    [Json] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(requestSchema, document) },
                },
            };
        }

        if (!definition.AllowAnonymous)
        {
            operation.Security = [.. SecurityRequirements(definition)];
        }

        document.Paths ??= [];
        var path = PathOf(definition.Route);
        if (!document.Paths.TryGetValue(path, out var item))
        {
            item = new OpenApiPathItem();
            document.Paths[path] = item;
        }

        var pathItem = (OpenApiPathItem)item;
        pathItem.Operations ??= [];
        pathItem.Operations[new HttpMethod(definition.Method)] = operation;
    }

    private OpenApiTagReference Tag(string name)
    {
        document.Tags ??= new HashSet<OpenApiTag>();
        if (!document.Tags.Any(tag => tag.Name == name))
        {
            document.Tags.Add(new OpenApiTag { Name = name, Description = "Endpoints declared on the " + name + " class." });
        }

        return new OpenApiTagReference(name, document);
    }

    /// <summary>The route as an OpenAPI path: <c>{id:guid}</c>, <c>{id?}</c> and <c>{*rest}</c> become <c>{id}</c> and <c>{rest}</c>, since the schema says the type.</summary>
    internal static string PathOf(string route) =>
        RouteParameter().Replace(route.StartsWith('/') ? route : "/" + route, "{$1}");

    [System.Text.RegularExpressions.GeneratedRegex(@"\{\*{0,2}([^}:=?*]+)[^}]*\}")]
    private static partial System.Text.RegularExpressions.Regex RouteParameter();
}

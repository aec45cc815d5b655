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

    private IEnumerable<IOpenApiParameter> Parameters(EndpointDefinition definition, OperationDescription description)
    {
        foreach (var parameter in description.Parameters)
        {
            yield return new OpenApiParameter
            {
                Name = parameter.Name,
                In = parameter.Place switch
                {
                    ParameterPlace.Path => ParameterLocation.Path,
                    ParameterPlace.Header => ParameterLocation.Header,
                    _ => ParameterLocation.Query,
                },
                Required = parameter.Place == ParameterPlace.Path || parameter.Required,
                Description = parameter.Description,
                Schema = SchemaWriter.Write(parameter.Schema, document),
            };
        }

        if ((description.Answers & OperationAnswers.Idempotent) != 0)
        {
            yield return new OpenApiParameter
            {
                Name = "Idempotency-Key",
                In = ParameterLocation.Header,
                Description = "A retry with the same key and body returns the first result instead of creating again.",
                Schema = SchemaWriter.Write(new SchemaDescription { Type = "string", MinLength = 1, MaxLength = RequestBinding.MaxIdempotencyKeyLength, Pattern = "^[\\x21-\\x7E]+$" }, document),
            };
        }

        if ((description.Answers & (OperationAnswers.IfMatchRequired | OperationAnswers.IfMatchHonoured)) != 0)
        {
            var required = (description.Answers & OperationAnswers.IfMatchRequired) != 0;
            yield return new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Required = required,
                Description = required
                    ? "The ETag of the version this change is based on (or *): 428 without it, 412 when the resource has changed since or the tag is not one this service issued."
                    : "The ETag of the version to delete (or *): 412 when the resource has changed since or the tag is not one this service issued.",
                Schema = SchemaWriter.Write(new SchemaDescription { Type = "string", MaxLength = ETags.MaxIfMatchLength }, document),
            };
        }

        if (description.Page is { } page)
        {
            foreach (var parameter in PageParameters(page))
            {
                yield return parameter;
            }
        }
    }


    private IEnumerable<IOpenApiParameter> PageParameters(PageDescription page)
    {
        yield return new OpenApiParameter
        {
            Name = "limit",
            In = ParameterLocation.Query,
            Description = "Items per page.",
            Schema = SchemaWriter.Write(new SchemaDescription
            {
                Type = "integer",
                Format = "int32",
                Minimum = "1",
                Maximum = SecureApi.Data.PageRequest.MaxLimit.ToString(CultureInfo.InvariantCulture),
            }, document),
        };
        yield return new OpenApiParameter
        {
            Name = "cursor",
            In = ParameterLocation.Query,
            Description = "The previous page's nextCursor: signed, and valid only for the caller it was given to.",
            Schema = SchemaWriter.Write(new SchemaDescription { Type = "string", MaxLength = 2048, Pattern = RequestBinding.CursorPattern }, document),
        };
        yield return new OpenApiParameter
        {
            Name = "sort",
            In = ParameterLocation.Query,
            Description = "A sortable member, '-' first for descending; key order when absent.",
            Schema = SchemaWriter.Write(
                page.AllowListsKnown
                    ? new SchemaDescription { Type = "string", Enum = [.. page.Sortable.SelectMany(name => new[] { name, "-" + name })] }
                    : new SchemaDescription { Type = "string", MaxLength = 64, Pattern = "^-?[A-Za-z0-9_]+$" },
                document),
        };
        foreach (var filter in page.Filterable)
        {
            yield return new OpenApiParameter
            {
                Name = "filter." + filter.Name,
                In = ParameterLocation.Query,
                Description = "Only items whose " + filter.Name + " equals this value.",
                Schema = SchemaWriter.Write(filter.Schema, document),
            };
        }
    }

    private OpenApiResponses Responses(EndpointDefinition definition, OperationDescription description)
    {
        var answers = description.Answers;
        var hasBody = description.RequestSchema is not null;
        var rateLimited = !definition.DisableRateLimiting;
        var responses = new OpenApiResponses();

        var success = new OpenApiResponse { Description = SuccessText(definition, description) };
        if (description.ResponseSchema is { } responseSchema)
        {
            success.Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
            {
                [Json] = new OpenApiMediaType { Schema = SchemaWriter.Write(responseSchema, document) },
            };
        }

        success.Headers = new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
        if ((answers & OperationAnswers.Location) != 0)
        {
            success.Headers["Location"] = Header("Where the created resource is read.", new SchemaDescription { Type = "string", Format = "uri-reference", MaxLength = 2048 }, required: true);
        }

        if ((answers & OperationAnswers.ETag) != 0)
        {
            success.Headers["ETag"] = Header("The version, for If-Match on the next change.", new SchemaDescription { Type = "string", MaxLength = 100, Pattern = "^\"[0-9]+\"$" }, required: true);
        }

        AddRateLimitHeaders(success, rateLimited);
        AddCrossOriginHeader(success);
        responses[definition.SuccessStatusCode.ToString(CultureInfo.InvariantCulture)] = success;

        // 400: binding, validation, unknown query parameters (unless [AllowUnknownQuery]), a body that cannot be read.
        if (!definition.AllowUnknownQuery || description.Parameters.Count > 0 || hasBody || description.Page is not null || (answers & OperationAnswers.Idempotent) != 0)
        {
            responses["400"] = Problem("The request is not valid: the errors map names each member or parameter and what is wrong with it.", ValidationProblemSchema, rateLimited);
        }

        if (!definition.AllowAnonymous)
        {
            var unauthorized = Problem("No valid credentials: an absent, expired or unknown token or key.", ProblemSchema, rateLimited);
            unauthorized.Headers!["WWW-Authenticate"] = Header(
                "The schemes the service accepts" + (context.JwtConfigured ? " (Bearer, ApiKey)." : " (ApiKey)."),
                new SchemaDescription { Type = "string", Enum = context.JwtConfigured ? ["Bearer", "ApiKey"] : ["ApiKey"] },
                required: true);
            responses["401"] = unauthorized;
        }

        // Blocked addresses and a refused transport are answered 403 before any endpoint runs, so every operation has it.
        responses["403"] = Problem(
            definition.AllowAnonymous
                ? "A blocked client address or caller, or a refused transport."
                : "The caller lacks a required role, scope or client kind" + ((answers & OperationAnswers.RequiresTenant) != 0 ? " or a tenant" : "") + "; or a blocked client, or a refused transport.",
            ProblemSchema,
            rateLimited);

        if ((answers & OperationAnswers.NotFound) != 0 || description.Page is not null)
        {
            responses["404"] = Problem(
                description.Page is not null && (answers & OperationAnswers.NotFound) == 0
                    ? "The cursor was not issued to this caller for this list."
                    : "No such resource, or not the caller's: the two are indistinguishable.",
                ProblemSchema,
                rateLimited);
        }

        if ((answers & OperationAnswers.Idempotent) != 0)
        {
            responses["409"] = Problem("A request with the same Idempotency-Key is still being processed.", ProblemSchema, rateLimited);
            responses["410"] = Problem("The resource the Idempotency-Key created is gone.", ProblemSchema, rateLimited);
        }

        if ((answers & (OperationAnswers.IfMatchRequired | OperationAnswers.IfMatchHonoured)) != 0)
        {
            responses["412"] = Problem("If-Match no longer matches: the resource has changed since that version.", ProblemSchema, rateLimited);
        }

        if (hasBody)
        {
            responses["413"] = Problem("The body is larger than the endpoint accepts.", ProblemSchema, rateLimited);
            responses["415"] = Problem("The body is not application/json.", ProblemSchema, rateLimited);
        }

        if ((answers & OperationAnswers.Idempotent) != 0)
        {
            responses["422"] = Problem("The Idempotency-Key was used before with a different body.", ProblemSchema, rateLimited);
        }

        if ((answers & OperationAnswers.IfMatchRequired) != 0)
        {
            responses["428"] = Problem("If-Match is required for this change.", ProblemSchema, rateLimited);
        }

        if (rateLimited)
        {
            var tooMany = Problem("Too many requests for this client (or locked out after repeated failures).", ProblemSchema, rateLimited);
            tooMany.Headers!["Retry-After"] = RetryAfter();
            responses["429"] = tooMany;
        }

        responses["500"] = Problem("An unexpected failure; the body carries only a trace id.", ProblemSchema, rateLimited: false);

        // The database (the operation's own, or the stored API keys a credential is checked against) or load shedding.
        var loadShedding = context.LoadSheddingEnabled && !definition.ExemptFromLoadShedding;
        if ((answers & OperationAnswers.Database) != 0 || !definition.AllowAnonymous || loadShedding)
        {
            var unavailable = Problem("Temporarily unavailable (the database, or the service shedding load); retry after the given seconds.", ProblemSchema, rateLimited: false);
            unavailable.Headers!["Retry-After"] = RetryAfter();
            responses["503"] = unavailable;
        }

        return responses;
    }

    private static string SuccessText(EndpointDefinition definition, OperationDescription description) => definition.SuccessStatusCode switch
    {
        _ when (description.Answers & OperationAnswers.HandWrittenResult) != 0 => "The handler's own result (a hand-written IResult: its statuses are not known to the generator).",
        StatusCodes.Status201Created => "Created.",
        StatusCodes.Status204NoContent => "Done; no content.",
        _ => "OK.",
    };

    private OpenApiResponse Problem(string text, string schema, bool rateLimited)
    {
        var response = new OpenApiResponse
        {
            Description = text,
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
            {
                [ProblemJson] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(schema, document) },
            },
            Headers = new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal),
        };
        AddRateLimitHeaders(response, rateLimited);
        AddCrossOriginHeader(response);
        return response;
    }

    /// <summary>The limiter's RateLimit and RateLimit-Policy headers (IETF draft), on answers given after it ran.</summary>
    private void AddRateLimitHeaders(OpenApiResponse response, bool rateLimited)
    {
        if (!rateLimited)
        {
            return;
        }

        response.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
        // The structured-field forms RateLimitHeaders writes: "name";q=permits[;w=seconds] and "name";r=remaining[;t=seconds].
        response.Headers["RateLimit-Policy"] = Header(
            "The policy in force: its quota and window.",
            new SchemaDescription { Type = "string", MaxLength = 200, Pattern = "^\"[^\"]+\";q=[0-9]+(;w=[0-9]+)?$" },
            required: false);
        response.Headers["RateLimit"] = Header(
            "What is left of the quota, and when it resets.",
            new SchemaDescription { Type = "string", MaxLength = 200, Pattern = "^\"[^\"]+\";r=[0-9]+(;t=[0-9]+)?$" },
            required: false);
    }

    /// <summary>Only when the service allows a cross-origin caller; by default it allows none and never sends the header.</summary>
    private void AddCrossOriginHeader(OpenApiResponse response)
    {
        if (context.CrossOrigin)
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
            response.Headers["Access-Control-Allow-Origin"] = Header(
                "The caller's origin, when it is one of SecureApi:Cors:AllowedOrigins.",
                new SchemaDescription { Type = "string", Format = "uri", MaxLength = 2048 },
                required: false);
        }
    }

    private OpenApiHeader RetryAfter() =>
        Header("Seconds to wait before retrying.", new SchemaDescription { Type = "integer", Format = "int32", Minimum = "0", Maximum = "86400" }, required: true);

    private OpenApiHeader Header(string text, SchemaDescription schema, bool required) => new()
    {
        Description = text,
        Required = required,
        Schema = SchemaWriter.Write(schema, document),
    };

    /// <summary>
    /// One requirement per scheme; the scopes each scope set needs, one alternative per combination (a set of several
    /// scopes is satisfied by any one of them, and OpenAPI lists scopes that are all required).
    /// </summary>
    private IEnumerable<OpenApiSecurityRequirement> SecurityRequirements(EndpointDefinition definition)
    {
        IEnumerable<List<string>> combinations = [[]];
        foreach (var set in definition.ScopeSets)
        {
            var scopes = set.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            combinations = combinations.SelectMany(combination => scopes.Select(scope => new List<string>(combination) { scope })).ToList();
        }

        foreach (var scopes in combinations)
        {
            if (context.JwtConfigured)
            {
                yield return new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = scopes };
            }

            yield return new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, document)] = scopes };
        }
    }

    private Dictionary<string, IOpenApiExtension> Extensions(EndpointDefinition definition, OperationDescription description)
    {
        var extensions = new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal)
        {
            ["x-secureapi-anonymous"] = Value(definition.AllowAnonymous),
            ["x-secureapi-rate-limit"] = Value(definition.DisableRateLimiting ? "disabled" : definition.RateLimitPolicy ?? "default"),
        };
        if (definition.RoleSets.Count > 0)
        {
            extensions["x-secureapi-roles"] = Sets(definition.RoleSets, ',');
        }

        if (definition.ScopeSets.Count > 0)
        {
            extensions["x-secureapi-scopes"] = Sets(definition.ScopeSets, ' ');
        }

        if (definition.ClientKinds.Count > 0)
        {
            extensions["x-secureapi-client-kinds"] = new JsonNodeExtension(new JsonArray([.. definition.ClientKinds.Select(kind => (JsonNode)JsonValue.Create(ClientKindNames.Of(kind)))]));
        }

        if (definition.Policies.Count > 0)
        {
            extensions["x-secureapi-policies"] = new JsonNodeExtension(new JsonArray([.. definition.Policies.Select(policy => (JsonNode)JsonValue.Create(policy))]));
        }

        if (description.Scoping is { } scoping)
        {
            extensions["x-secureapi-scoping"] = Value(scoping);
        }

        if (description.RequestSchema is not null)
        {
            extensions["x-secureapi-max-body-bytes"] = new JsonNodeExtension(JsonValue.Create(description.MaxBodyBytes ?? context.DefaultMaxBodyBytes));
        }

        if (definition.ExemptFromLoadShedding)
        {
            extensions["x-secureapi-load-shedding"] = Value("exempt");
        }

        return extensions;
    }

    /// <summary>Requirement sets as an array of alternatives: every entry must hold, any one name of an entry does.</summary>
    private static JsonNodeExtension Sets(IReadOnlyList<string> sets, char separator) =>
        new(new JsonArray([.. sets.Select(set => (JsonNode)new JsonArray([.. set.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(name => (JsonNode)JsonValue.Create(name))]))]));

    private static JsonNodeExtension Value(string value) => new(JsonValue.Create(value));

    private static JsonNodeExtension Value(bool value) => new(JsonValue.Create(value));

    /// <summary>The route as an OpenAPI path: <c>{id:guid}</c>, <c>{id?}</c> and <c>{*rest}</c> become <c>{id}</c> and <c>{rest}</c>, since the schema says the type.</summary>
    internal static string PathOf(string route) =>
        RouteParameter().Replace(route.StartsWith('/') ? route : "/" + route, "{$1}");

    [System.Text.RegularExpressions.GeneratedRegex(@"\{\*{0,2}([^}:=?*]+)[^}]*\}")]
    private static partial System.Text.RegularExpressions.Regex RouteParameter();
}

using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.OpenApi;
using SecureApi.Infrastructure;

namespace SecureApi.OpenApi;

/// <summary>The operation's responses: exactly the statuses its code and the pipeline in front of it can give, with their headers.</summary>
internal sealed partial class OperationWriter
{
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

        if ((answers & (OperationAnswers.Idempotent | OperationAnswers.UntrustedText)) != 0)
        {
            var reasons = new List<string>(2);
            if ((answers & OperationAnswers.Idempotent) != 0)
            {
                reasons.Add("The Idempotency-Key was used before with a different body.");
            }

            if ((answers & OperationAnswers.UntrustedText) != 0)
            {
                reasons.Add("Free text matched an untrusted-text screening rule: errors names each member and rule, never the text.");
            }

            responses["422"] = Problem(string.Join(" Or: ", reasons), ProblemSchema, rateLimited);
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
}

using System.ComponentModel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SecureApi.Authorization;
using SecureApi.Logging;
using SecureApi.Pipeline;

namespace SecureApi.Infrastructure;

/// <summary>
/// Maps a generated handler as a plain <see cref="RequestDelegate"/> (no RequestDelegateFactory) and attaches the metadata
/// that authorisation, rate limiting and OpenAPI read.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class EndpointMapping
{
    private static readonly int[] s_problemStatusCodes =
    [
        StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden,
        StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType,
        StatusCodes.Status429TooManyRequests, StatusCodes.Status500InternalServerError,
    ];

    public static IEndpointConventionBuilder Map(IEndpointRouteBuilder endpoints, EndpointDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(definition);

        var pipeline = CreatePipeline(endpoints.ServiceProvider, definition);
        var builder = endpoints.MapMethods(definition.Route, [definition.Method], pipeline.InvokeAsync)
            .WithName(definition.Name)
            .WithTags(definition.Tag)
            .WithMetadata(definition); // the OpenAPI document transformer reads the generator's description from here

        if (definition.AllowAnonymous)
        {
            builder.AllowAnonymous();
        }
        else
        {
            // The default policy (an authenticated user unless the service changed it), and what the declarations
            // require of the caller: roles, scopes and client kinds, all read from Caller so every scheme counts alike.
            builder.RequireAuthorization();
            builder.RequireAuthorization(new AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser()
                .AddRequirements(RequirementOf(definition))
                .Build());

            foreach (var authorizationPolicy in definition.Policies)
            {
                builder.RequireAuthorization(authorizationPolicy);
            }
        }

        // Every endpoint is limited by the global limiter; [RateLimit("name")] only chooses which policy. An unknown
        // name fails here, at start-up, rather than quietly falling back to the default.
        if (definition.RateLimitPolicy is { } policy)
        {
            if (!endpoints.ServiceProvider.GetRequiredService<SecureApi.RateLimiting.RateLimitPolicies>().Policies.ContainsKey(policy))
            {
                throw new InvalidOperationException(
                    $"Endpoint '{definition.Name}' says [RateLimit(\"{policy}\")], but there is no such policy: configure SecureApi:RateLimiting:Policies:{policy} or use default, anonymous, sensitive or per-user.");
            }

            builder.WithMetadata(new RateLimitAttribute(policy));
        }

        if (definition.DisableRateLimiting)
        {
            // The explicit opt-out (the generator warns of it, SAPI047): ASP.NET Core's own metadata, so the limiter
            // treats it exactly as a hand-mapped endpoint's .DisableRateLimiting().
            builder.DisableRateLimiting();
        }

        if (definition.ExemptFromLoadShedding)
        {
            builder.ExemptFromLoadShedding();
        }

        if (definition.RequestType is { } requestType)
        {
            builder.WithMetadata(new JsonAcceptsMetadata(requestType));
        }

        builder.WithMetadata(new JsonProducesMetadata(definition.SuccessStatusCode, definition.ResponseType, definition.ResponseType is null ? [] : ["application/json"]));
        foreach (var status in s_problemStatusCodes)
        {
            builder.WithMetadata(new JsonProducesMetadata(status, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
        }

        return builder;
    }

    private static CallerRequirement RequirementOf(EndpointDefinition definition) => new(
        [.. definition.RoleSets.Select(set => set.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
        [.. definition.ScopeSets.Select(set => set.Split(' ', StringSplitOptions.RemoveEmptyEntries))],
        [.. definition.ClientKinds]);

    /// <summary>Everything a request needs from its endpoint, resolved once here rather than per request.</summary>
    private static EndpointPipeline CreatePipeline(IServiceProvider services, EndpointDefinition definition)
    {
        var info = new EndpointInfo(definition.Name, definition.Method, definition.Route, definition.Tag, definition.AllowAnonymous, definition.RateLimitPolicy);
        return new EndpointPipeline(
            info,
            definition,
            services.GetRequiredService<ILogger<SecureApiRequests>>(),
            [.. services.GetServices<IEndpointGuard>()],
            [.. services.GetServices<IEndpointObserver>()],
            services.GetService<SecureApi.Monitoring.SecureApiMetrics>());
    }

    private sealed class JsonAcceptsMetadata(Type requestType) : IAcceptsMetadata
    {
        public IReadOnlyList<string> ContentTypes { get; } = ["application/json"];

        public Type? RequestType { get; } = requestType;

        public bool IsOptional => false;
    }

    private sealed class JsonProducesMetadata(int statusCode, Type? type, IEnumerable<string> contentTypes) : IProducesResponseTypeMetadata
    {
        public Type? Type { get; } = type;

        public int StatusCode { get; } = statusCode;

        public string? Description => null;

        public IEnumerable<string> ContentTypes { get; } = contentTypes;
    }
}

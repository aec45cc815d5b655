using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SecureApi;
using SecureApi.Authentication;
using SecureApi.Infrastructure;

namespace Microsoft.Extensions.DependencyInjection;

public static class SecureApiServiceCollectionExtensions
{
    /// <summary>The rate-limiting policy keyed by caller (or client address when anonymous).</summary>
    public const string PerUserPolicy = "per-user";

    /// <summary>
    /// Registers what the generated endpoints rely on: options from the <c>SecureApi</c> section (validated at start-up),
    /// ProblemDetails, no <c>Server</c> response header, TLS 1.2/1.3 only, the CORS policy, the trusted proxies, the
    /// authentication schemes (JWT bearer when configured, API keys), an authorisation fallback that requires an
    /// authenticated caller for every endpoint (deny by default), the handler that checks the roles, scopes and client
    /// kinds endpoints declare against <see cref="Caller"/>, rate limits on every request (named policies from
    /// <c>SecureApi:RateLimiting</c>), and the generated
    /// JSON metadata.
    /// </summary>
    public static IServiceCollection AddSecureApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        // Validated when the host starts: a missing secret or a dangerous CORS setting stops start-up with its name.
        services.AddOptions<SecureApiOptions>().Bind(configuration.GetSection(SecureApiOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SecureApiOptions>, SecureApi.Hosting.SecretSettingsValidator>();
        services.AddSingleton<IValidateOptions<SecureApiOptions>, SecureApi.Hosting.LeftOutFeaturesValidator>();
        services.AddSingleton<IValidateOptions<SecureApiOptions>, SecureApi.Hosting.LoadSheddingSettingsValidator>();
        services.AddSingleton<IValidateOptions<SecureApiOptions>, SecureApi.RateLimiting.RateLimitSettingsValidator>();
        SecureApi.Transport.TransportServices.Add(services);
        services.AddProblemDetails();

        // "Server: Kestrel" on every response only tells an attacker what to look up.
        services.Configure<KestrelServerOptions>(options => options.AddServerHeader = false);

        services.TryAddSingleton(TimeProvider.System);
        // Changes are audited with the caller of the request that made them (admin stores and key commands take no caller).
        services.AddHttpContextAccessor();
        services.TryAddSingleton(static provider => new SecureApi.Auditing.AuditTrail(
            provider.GetRequiredService<SecureApi.Data.SecureApiDatabase>(),
            provider.GetRequiredService<IOptionsMonitor<SecureApiOptions>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<IHttpContextAccessor>(),
            provider.GetService<SecureApi.Monitoring.SecureApiMetrics>()));

        // The screen of [UntrustedText] members, and the quarantine its hits may go to.
        services.TryAddSingleton(static provider => new SecureApi.AiGuards.Screening.UntrustedTextScreener(provider.GetRequiredService<IOptionsMonitor<SecureApiOptions>>()));
        services.TryAddSingleton(static provider => new SecureApi.AiGuards.Screening.UntrustedTextQuarantine(provider.GetRequiredService<SecureApi.Data.SecureApiDatabase>()));

        // Redaction of [Sensitive]/[Encrypted] data, no query values from ASP.NET Core's request lines, JSON console outside Development.
        SecureApi.Logging.SecureApiLogging.Add(services);

        // Security events: logged, counted on the SecureApi meter, handed to every ISecurityEventObserver.
        services.AddMetrics();
        services.TryAddSingleton<SecureApi.Monitoring.SecureApiMetrics>();
        services.TryAddSingleton<SecureApi.Monitoring.SecurityEvents>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, SecureApi.Authorization.DenialReportingResultHandler>();

        // OpenTelemetry traces and metrics over OTLP, only when SecureApi:Telemetry:OtlpEndpoint or OTEL_EXPORTER_OTLP_ENDPOINT is set.
        SecureApi.Monitoring.SecureApiTelemetry.Add(services, configuration);

        // The security view's fixed-size memory of this instance's answers and events (read only when the view is on).
        services.TryAddSingleton<SecureApi.SecurityView.SecurityViewRecorder>();
        services.AddSingleton<SecureApi.Monitoring.ISecurityEventObserver>(static provider => provider.GetRequiredService<SecureApi.SecurityView.SecurityViewRecorder>());
        services.TryAddSingleton<SecureApi.SecurityView.ISecurityViewAudit>(static provider => new SecureApi.Auditing.AuditTrailViewSource(provider.GetRequiredService<SecureApi.Auditing.AuditTrail>()));

        services.TryAddSingleton(static provider => new ApiKeys(
            provider.GetRequiredService<SecureApi.Data.SecureApiDatabase>(),
            provider.GetRequiredService<IOptionsMonitor<SecureApiOptions>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<SecureApi.Auditing.AuditTrail>(),
            provider.GetRequiredService<SecureApi.Monitoring.SecurityEvents>()));

        // Default scheme "SecureApi": Authorization: Bearer → JWT (when configured), ApiKey / X-Api-Key → API keys.
        services.AddSecureApiAuthentication();

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        // Roles, scopes and client kinds of generated endpoints are checked against Caller, whatever the scheme.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, SecureApi.Authorization.CallerRequirementHandler>());

        // SecureApi:RateLimiting:Redis: shared budgets (RedisRateLimiters), when configured.
        SecureApi.RateLimiting.RedisRateLimitingRegistration.AddSecureApiRedisRateLimiting(services, configuration);

        // Every request is limited by the global limiter (see SecureApiRateLimiter); the named policies are registered
        // with ASP.NET Core too, as pass-throughs, so RequireRateLimiting("name") on a hand-mapped endpoint selects one.
        services.TryAddSingleton(static provider =>
            SecureApi.RateLimiting.RateLimitPolicies.From(provider.GetRequiredService<IOptions<SecureApiOptions>>().Value));
        services.TryAddSingleton(static provider =>
            new SecureApi.RateLimiting.SecureApiRateLimiter(
                provider.GetRequiredService<SecureApi.RateLimiting.RateLimitPolicies>(),
                provider.GetService<SecureApi.RateLimiting.RedisRateLimiters>(),
                provider.GetRequiredService<IOptions<SecureApi.AiGuards.AgentOptions>>().Value.Tier));
        services.AddOptions<RateLimiterOptions>().Configure<IServiceProvider>(static (options, provider) =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = provider.GetRequiredService<SecureApi.RateLimiting.SecureApiRateLimiter>();
            foreach (var name in provider.GetRequiredService<SecureApi.RateLimiting.RateLimitPolicies>().Policies.Keys)
            {
                options.AddPolicy(name, static _ => RateLimitPartition.GetNoLimiter(string.Empty));
            }

            options.OnRejected = static (rejected, _) =>
            {
                // The global limiter has written Retry-After already; a policy the service added itself has not.
                if (!rejected.HttpContext.Response.Headers.ContainsKey("Retry-After")
                    && rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    rejected.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                SecureApi.Monitoring.SecurityEvents.ReportOn(rejected.HttpContext, SecureApi.Monitoring.SecurityEventKind.RateLimited, SecureApi.RateLimiting.SecureApiRateLimiter.PolicyOf(rejected.HttpContext));

                return ValueTask.CompletedTask; // the status-code-pages middleware turns the empty 429 into ProblemDetails
            };
        });
        services.AddRateLimiter(static _ => { });

        // Lockouts of policies that have one (sensitive by default): per instance; shared through Redis when configured.
        services.TryAddSingleton<SecureApi.RateLimiting.ILockoutStore>(static provider =>
        {
            var local = new SecureApi.RateLimiting.MemoryLockoutStore(provider.GetRequiredService<TimeProvider>());
            return provider.GetService<SecureApi.RateLimiting.RedisRateLimiters>() is { } redis
                ? new SecureApi.RateLimiting.RedisLockoutStore(redis, local)
                : local;
        });

        // The output firewall (SecureApi:OutputFilter) that [FilterOutput] endpoints and members, and model answers, pass through.
        SecureApi.AiGuards.OutputFiltering.OutputFilterRegistration.Add(services);

        // Detectors, blocks and alerts (SecureApi:Detection, SecureApi:Alerts); after Redis, whose connection blocks share.
        SecureApi.Monitoring.Detection.DetectionRegistration.Add(services, configuration);

        // Agents' budgets (SecureApi:Agents) and the agent behaviour detectors; throttles and blocks live with the blocks.
        SecureApi.AiGuards.AgentRegistration.Add(services, configuration);

        // Resources: one database, the encryption and cursor services, the generated stores, and the schema at start-up.
        services.TryAddSingleton<SecureApi.Data.SecureApiDatabase>();
        services.TryAddSingleton<SecureApi.Data.Migrations.ReEncryptionProgress>();
        services.TryAddSingleton(static provider => new SecureApi.Data.FieldEncryption(
            provider.GetRequiredService<IOptionsMonitor<SecureApiOptions>>(),
            provider.GetRequiredService<SecureApi.Data.Migrations.ReEncryptionProgress>()));
        services.TryAddSingleton<SecureApi.Data.CursorProtector>();
        services.AddHostedService<SecureApi.Data.SchemaInitializer>();
        services.AddHostedService<SecureApi.Auditing.AuditRetention>(); // after the schema: prunes at start-up, then every few hours
        services.AddHostedService<SecureApi.Data.Migrations.ReEncryptionJob>(); // after the schema: [Encrypted] values to the active key
        foreach (var resource in SecureApi.Infrastructure.ResourceRegistry.Snapshot())
        {
            resource.AddStores(services);
        }

        // Results written through ASP.NET Core's JSON options (TypedResults.Ok(x) in a hand-written endpoint)
        // find the same generated metadata as the generated handlers.
        services.ConfigureHttpJsonOptions(options =>
        {
            foreach (var resolver in SecureApiJsonResolvers.Snapshot())
            {
                options.SerializerOptions.TypeInfoResolverChain.Add(resolver);
            }
        });

        // The OpenAPI document: written from the generator's descriptions of the endpoints (see SecureApiDocumentTransformer).
        services.AddOpenApi(SecureApi.OpenApi.OpenApiEndpoints.DocumentName, static options =>
            options.AddDocumentTransformer(new SecureApi.OpenApi.SecureApiDocumentTransformer()));

        return services;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SecureApi;
using SecureApi.Hosting;

namespace Microsoft.AspNetCore.Builder;

public static class SecureApiApplicationBuilderExtensions
{
    /// <summary>
    /// Adds the SecureApi middleware in order: exception → ProblemDetails, forwarded headers (trusted proxies only), HTTPS
    /// redirection and HSTS (outside Development), security headers, the transport check (HTTPS outside Development,
    /// loopback-only plain HTTP in Development, TLS 1.2+), CORS, load shedding (503 with Retry-After when saturated;
    /// health probes exempt), ProblemDetails for empty error responses, blocked addresses (403), authentication
    /// (a principal that is not a valid caller stays anonymous), blocked callers and agents (403), rate limiting, agents' request budgets (429), lockout (policies with one:
    /// repeated 401/403s or reported sign-in failures lock the client or account out, 429), authorisation.
    /// </summary>
    public static IApplicationBuilder UseSecureApi(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // SecureApi's middleware is constructed here, not through UseMiddleware<T>: no reflection over its constructor and
        // InvokeAsync at start-up, which a native build pays for through its type loader.
        var services = app.ApplicationServices;
        var environment = services.GetRequiredService<IHostEnvironment>();
        var optionsAccessor = services.GetRequiredService<IOptions<SecureApiOptions>>();
        var options = optionsAccessor.Value;

        // Errors the framework produces are ProblemDetails whatever the Accept header asks for: a client sending
        // Accept: application/xml still gets application/problem+json, never a text/plain status line.
        // The security view counts every answer, refusals by middleware included; and is mapped here, so a service
        // gets it by calling UseSecureApi (on a WebApplication, which is also the endpoint route builder).
        var securityView = SecureApi.SecurityView.SecurityViewEndpoints.IsEnabled(options.SecurityView, environment);
        if (securityView)
        {
            var recorder = services.GetRequiredService<SecureApi.SecurityView.SecurityViewRecorder>();
            app.Use(next => new SecureApi.SecurityView.SecurityViewOutcomeMiddleware(next, recorder).InvokeAsync);
            if (app is Microsoft.AspNetCore.Routing.IEndpointRouteBuilder endpoints)
            {
                SecureApi.SecurityView.SecurityViewEndpoints.Map(endpoints, options.SecurityView);
            }
        }

        // The OpenAPI document (and the Scalar page), Development only unless SecureApi:OpenApi:Enabled says otherwise.
        if (SecureApi.OpenApi.OpenApiEndpoints.IsEnabled(options.OpenApi, environment) && app is Microsoft.AspNetCore.Routing.IEndpointRouteBuilder documentEndpoints)
        {
            SecureApi.OpenApi.OpenApiEndpoints.Map(documentEndpoints, options.OpenApi, environment);
        }

        // The exception handler clears the response, security headers included: they are set again with the answer.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = static context =>
            {
                SecurityHeaders.Apply(context);
                return SecureApi.Infrastructure.Problems.ServerError().ExecuteAsync(context);
            },
        });

        // First, so scheme and client address are settled before anything reads them; only configured proxies count.
        if (SecureApi.Transport.TransportServices.TrustsAProxy(options.ForwardedHeaders))
        {
            app.UseForwardedHeaders();
        }

        if (options.RequireHttps && !environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.Use(static next => new SecurityHeadersMiddleware(next).InvokeAsync);

        // What redirection could not redirect (no HTTPS port known) is refused, not served over plain HTTP.
        app.Use(next => new SecureApi.Transport.TransportPolicyMiddleware(next, environment, optionsAccessor).InvokeAsync);
        app.UseCors(); // the default policy: no origin allowed unless SecureApi:Cors:AllowedOrigins names it

        // Before authentication, so refusing overload costs almost nothing; after CORS, so an allowed browser origin can
        // read the 503 and its Retry-After. Needs routing to have run (WebApplication does it first) to see exemptions.
        if (options.LoadShedding.Enabled)
        {
            var events = services.GetRequiredService<SecureApi.Monitoring.SecurityEvents>();
            app.Use(next => new LoadSheddingMiddleware(next, optionsAccessor, events).InvokeAsync);
        }

        app.UseStatusCodePages(static statusContext =>
            SecureApi.Infrastructure.Problems.ForStatus(statusContext.HttpContext.Response.StatusCode).ExecuteAsync(statusContext.HttpContext));

        // Blocked addresses are refused before authentication (they cost nothing, not even a key lookup), blocked callers right after it.
        var blocks = services.GetRequiredService<SecureApi.Monitoring.Blocks.BlockList>();
        app.Use(next => new SecureApi.Monitoring.Blocks.BlockMiddleware(next, blocks, SecureApi.Monitoring.Detection.BlockKinds.Ip).InvokeAsync);
        app.UseAuthentication();
        app.Use(static next => new SecureApi.Authentication.CallerRequiredMiddleware(next).InvokeAsync); // authenticated but not a valid caller = anonymous
        app.Use(next => new SecureApi.Monitoring.Blocks.BlockMiddleware(next, blocks, SecureApi.Monitoring.Detection.BlockKinds.Caller).InvokeAsync);
        app.UseRateLimiter();
        var budget = services.GetRequiredService<SecureApi.AiGuards.AgentBudget>();
        app.Use(next => new SecureApi.AiGuards.AgentBudgetMiddleware(next, budget).InvokeAsync); // an agent's own request budget (SecureApi:Agents), after the policy's

        // After the limiter, which chose the policy and partition; before authorisation, so its 403s count as failures.
        var lockouts = services.GetRequiredService<SecureApi.RateLimiting.ILockoutStore>();
        app.Use(next => new SecureApi.RateLimiting.LockoutMiddleware(next, lockouts).InvokeAsync);
        app.UseAuthorization();
        return app;
    }
}

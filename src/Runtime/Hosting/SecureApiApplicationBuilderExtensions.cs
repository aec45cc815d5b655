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
        var environment = app.ApplicationServices.GetRequiredService<IHostEnvironment>();
        var options = app.ApplicationServices.GetRequiredService<IOptions<SecureApiOptions>>().Value;

        // Errors the framework produces are ProblemDetails whatever the Accept header asks for: a client sending
        // Accept: application/xml still gets application/problem+json, never a text/plain status line.
        // The security view counts every answer, refusals by middleware included; and is mapped here, so a service
        // gets it by calling UseSecureApi (on a WebApplication, which is also the endpoint route builder).
        var securityView = SecureApi.SecurityView.SecurityViewEndpoints.IsEnabled(options.SecurityView, environment);
        if (securityView)
        {
            app.UseMiddleware<SecureApi.SecurityView.SecurityViewOutcomeMiddleware>();
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

        app.UseMiddleware<SecurityHeadersMiddleware>();

        // What redirection could not redirect (no HTTPS port known) is refused, not served over plain HTTP.
        app.UseMiddleware<SecureApi.Transport.TransportPolicyMiddleware>();
        app.UseCors(); // the default policy: no origin allowed unless SecureApi:Cors:AllowedOrigins names it

        // Before authentication, so refusing overload costs almost nothing; after CORS, so an allowed browser origin can
        // read the 503 and its Retry-After. Needs routing to have run (WebApplication does it first) to see exemptions.
        if (options.LoadShedding.Enabled)
        {
            app.UseMiddleware<LoadSheddingMiddleware>();
        }

        app.UseStatusCodePages(static statusContext =>
            SecureApi.Infrastructure.Problems.ForStatus(statusContext.HttpContext.Response.StatusCode).ExecuteAsync(statusContext.HttpContext));

        // Blocked addresses are refused before authentication (they cost nothing, not even a key lookup), blocked callers right after it.
        var blocks = app.ApplicationServices.GetRequiredService<SecureApi.Monitoring.Blocks.BlockList>();
        app.Use(next => new SecureApi.Monitoring.Blocks.BlockMiddleware(next, blocks, SecureApi.Monitoring.Detection.BlockKinds.Ip).InvokeAsync);
        app.UseAuthentication();
        app.UseMiddleware<SecureApi.Authentication.CallerRequiredMiddleware>(); // authenticated but not a valid caller = anonymous
        app.Use(next => new SecureApi.Monitoring.Blocks.BlockMiddleware(next, blocks, SecureApi.Monitoring.Detection.BlockKinds.Caller).InvokeAsync);
        app.UseRateLimiter();
        app.UseMiddleware<SecureApi.AiGuards.AgentBudgetMiddleware>(); // an agent's own request budget (SecureApi:Agents), after the policy's

        // After the limiter, which chose the policy and partition; before authorisation, so its 403s count as failures.
        app.UseMiddleware<SecureApi.RateLimiting.LockoutMiddleware>();
        app.UseAuthorization();
        return app;
    }
}

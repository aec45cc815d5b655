using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SecureApi;
using SecureApi.Hosting;

namespace Microsoft.AspNetCore.Builder;

public static class SecureApiApplicationBuilderExtensions
{
    /// <summary>
    /// Adds the SecureApi middleware in order: exception → ProblemDetails, HTTPS redirection and HSTS (outside Development),
    /// security headers, ProblemDetails for empty error responses, authentication (a principal without a subject stays anonymous), rate limiting, authorisation.
    /// </summary>
    public static IApplicationBuilder UseSecureApi(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var environment = app.ApplicationServices.GetRequiredService<IHostEnvironment>();
        var options = app.ApplicationServices.GetRequiredService<IOptions<SecureApiOptions>>().Value;

        // Errors the framework produces are ProblemDetails whatever the Accept header asks for: a client sending
        // Accept: application/xml still gets application/problem+json, never a text/plain status line.
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = static context => SecureApi.Infrastructure.Problems.ServerError().ExecuteAsync(context) });
        if (options.RequireHttps && !environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStatusCodePages(static statusContext =>
            SecureApi.Infrastructure.Problems.ForStatus(statusContext.HttpContext.Response.StatusCode).ExecuteAsync(statusContext.HttpContext));
        app.UseAuthentication();
        app.UseMiddleware<SecureApi.Authentication.SubjectRequiredMiddleware>(); // authenticated without a subject = anonymous
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }
}

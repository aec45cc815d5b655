using Microsoft.AspNetCore.Http;
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
    /// security headers, ProblemDetails for empty error responses, authentication, rate limiting, authorisation.
    /// </summary>
    public static IApplicationBuilder UseSecureApi(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var environment = app.ApplicationServices.GetRequiredService<IHostEnvironment>();
        var options = app.ApplicationServices.GetRequiredService<IOptions<SecureApiOptions>>().Value;

        app.UseExceptionHandler();
        if (options.RequireHttps && !environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }
}

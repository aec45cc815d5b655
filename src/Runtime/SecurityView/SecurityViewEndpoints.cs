using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SecureApi.Authorization;

namespace SecureApi.SecurityView;

/// <summary>
/// Maps the security view: the page, its script and style (embedded resources of this assembly, no CDN) and its JSON
/// data, all four for a person (client kind <c>user</c>) in the configured role only, and all four marked for the
/// page's Content-Security-Policy.
/// </summary>
internal static class SecurityViewEndpoints
{
    public const string ScriptName = "security-view.js";
    public const string StyleName = "security-view.css";
    public const string DataName = "data";

    /// <summary>On when configured so; unset, in Development only.</summary>
    public static bool IsEnabled(SecurityViewOptions options, IHostEnvironment environment) =>
        options.Enabled ?? environment.IsDevelopment();

    /// <summary>The page's route (<c>/admin/security</c>); its script, style and data are below it.</summary>
    public static string PagePath(SecurityViewOptions options)
    {
        var path = "/" + options.Path.Trim('/');
        return path.Length > 1 ? path
            : throw new InvalidOperationException("SecureApi:SecurityView:Path must be a path below the root, such as /admin/security.");
    }

    public static void Map(IEndpointRouteBuilder endpoints, SecurityViewOptions options)
    {
        var path = PagePath(options);

        var policy = new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .AddRequirements(new CallerRequirement([[options.Role]], [], [ClientKind.User]))
            .Build();

        var page = Encoding.UTF8.GetBytes(Resource("security-view.html")
            .Replace("{{base}}", HtmlEncoder.Default.Encode(path), StringComparison.Ordinal));
        var script = Encoding.UTF8.GetBytes(Resource(ScriptName));
        var style = Encoding.UTF8.GetBytes(Resource(StyleName));

        Protect(endpoints.MapGet(path, context => Write(context, page, "text/html; charset=utf-8")), policy);
        Protect(endpoints.MapGet(path + "/" + ScriptName, context => Write(context, script, "text/javascript; charset=utf-8")), policy);
        Protect(endpoints.MapGet(path + "/" + StyleName, context => Write(context, style, "text/css; charset=utf-8")), policy);
        Protect(endpoints.MapGet(path + "/" + DataName, WriteDataAsync), policy);
    }

    private static void Protect(IEndpointConventionBuilder builder, AuthorizationPolicy policy) =>
        builder.RequireAuthorization(policy).WithMetadata(SecurityViewPageMetadata.Instance);

    private static Task Write(HttpContext context, byte[] body, string contentType)
    {
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    private static async Task WriteDataAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var blocks = services.GetService<ISecurityViewBlocks>() is { } blockSource
            ? await blockSource.ActiveAsync(context.RequestAborted)
            : null;
        var audit = services.GetService<ISecurityViewAudit>() is { } auditSource
            ? await auditSource.SummaryAsync(SecurityViewRecorder.RecentEventCount, context.RequestAborted)
            : null;
        var data = services.GetRequiredService<SecurityViewRecorder>().Snapshot(blocks, audit);
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, data, SecurityViewJsonContext.Default.SecurityViewData, context.RequestAborted);
    }

    private static string Resource(string name)
    {
        using var stream = typeof(SecurityViewEndpoints).Assembly.GetManifestResourceStream("SecureApi.SecurityView." + name)
            ?? throw new InvalidOperationException($"The security view's resource '{name}' is missing from the SecureApi assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}

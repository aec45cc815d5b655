using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using SecureApi.AiGuards.OutputFiltering;

namespace SecureApi.Infrastructure;

/// <summary>Writes endpoint results with the generated JSON metadata: no serializer lookup, no reflection.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Responses
{
    public static Task JsonAsync<T>(HttpContext context, T value, JsonTypeInfo<T> typeInfo, int statusCode = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = statusCode;
        return context.Response.WriteAsJsonAsync(value, typeInfo, contentType: null, context.RequestAborted);
    }

    public static Task CreatedAsync<T>(HttpContext context, string? location, T value, JsonTypeInfo<T> typeInfo)
    {
        if (!string.IsNullOrEmpty(location))
        {
            context.Response.Headers.Location = location;
        }

        return JsonAsync(context, value, typeInfo, StatusCodes.Status201Created);
    }

    /// <summary>201 for a resource created under the request's own path: <c>Location</c> is that path plus the new key.</summary>
    public static Task CreatedAtAsync<T>(HttpContext context, string key, T value, JsonTypeInfo<T> typeInfo)
    {
        return CreatedAsync(context, LocationOf(context, key), value, typeInfo);
    }

    /// <summary>
    /// A <c>[FilterOutput]</c> endpoint's answer: serialized, every string value passed through the output firewall,
    /// then written; when a kind the policy refuses is found, a 403 ProblemDetails is written instead.
    /// </summary>
    public static async Task FilteredJsonAsync<T>(HttpContext context, T value, JsonTypeInfo<T> typeInfo, int statusCode = StatusCodes.Status200OK)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(typeInfo);
        var json = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
        var filter = OutputFilterRegistration.For(context);
        var findings = new Dictionary<string, int>(StringComparer.Ordinal);
        var refused = false;
        var filtered = JsonOutputFiltering.Rewrite(json, filter, typeInfo.Options, findings, ref refused);
        if (findings.Count > 0)
        {
            filter.Reporter?.Report(findings, refused);
        }

        if (refused)
        {
            context.Response.Headers.Location = default;
            context.Response.Headers.ETag = default;
            await OutputWithheld.Problem().ExecuteAsync(context);
            return;
        }

        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(filtered ?? json, context.RequestAborted);
    }

    /// <summary><see cref="CreatedAsync"/> through the output firewall.</summary>
    public static Task FilteredCreatedAsync<T>(HttpContext context, string? location, T value, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!string.IsNullOrEmpty(location))
        {
            context.Response.Headers.Location = location;
        }

        return FilteredJsonAsync(context, value, typeInfo, StatusCodes.Status201Created);
    }

    /// <summary><see cref="CreatedAtAsync"/> through the output firewall.</summary>
    public static Task FilteredCreatedAtAsync<T>(HttpContext context, string key, T value, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(context);
        return FilteredCreatedAsync(context, LocationOf(context, key), value, typeInfo);
    }

    public static Task NoContentAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    /// <summary>
    /// A generated handler's 404 for a key that found nothing the caller may see (absent, another owner's, another
    /// tenant's: the answer does not say which). Raises <see cref="SecureApi.Monitoring.SecurityEventKind.NotFoundOrNotYours"/>
    /// with the route values asked for, the signal an enumeration (BOLA) probe leaves.
    /// </summary>
    public static Task NotFoundAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        SecureApi.Monitoring.SecurityEvents.ReportOn(context, SecureApi.Monitoring.SecurityEventKind.NotFoundOrNotYours, SecureApi.Monitoring.SecurityEventDetail.RouteValues(context));
        return Problems.NotFound().ExecuteAsync(context);
    }

    /// <summary>
    /// The request's own path (base included, escaped as a URI component, no trailing slash) plus <c>/</c> and the escaped
    /// key, built as one string: a path that needs no escaping is used as it is.
    /// </summary>
    private static string LocationOf(HttpContext context, string key) => string.Concat(
        context.Request.PathBase.ToUriComponent().AsSpan(),
        context.Request.Path.ToUriComponent().AsSpan().TrimEnd('/'),
        "/",
        Uri.EscapeDataString(key));
}

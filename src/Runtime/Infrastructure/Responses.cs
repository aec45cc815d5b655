using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

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
        var collection = (context.Request.PathBase + context.Request.Path).ToString().TrimEnd('/');
        return CreatedAsync(context, collection + "/" + Uri.EscapeDataString(key), value, typeInfo);
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
}

using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace SecureApi.Http;

/// <summary>Writes endpoint results with the generated JSON metadata: no serializer lookup, no reflection.</summary>
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

    public static Task NoContentAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    public static Task NotFoundAsync(HttpContext context) => Problems.NotFound().ExecuteAsync(context);
}

using System.ComponentModel;
using System.Buffers;
using System.IO.Pipelines;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SecureApi.Infrastructure;

/// <summary>
/// Reads a request body as JSON: media type checked (415), size capped while reading (413), parsed in one strict pass
/// with the generated metadata (400 naming the member). Nothing is bound from a body that was not read whole.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonBody
{
    private const long KestrelSlackBytes = 64 * 1024;

    /// <param name="maxBytes">The endpoint's <c>[MaxBodySize]</c>; null for <see cref="SecureApiOptions.MaxRequestBodyBytes"/>.</param>
    /// <param name="fingerprint">Also hash the exact body bytes (a create that carries an <c>Idempotency-Key</c>); other requests pay nothing.</param>
    public static async ValueTask<JsonBodyResult<T>> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> typeInfo, long? maxBytes, bool fingerprint = false)
        where T : class
    {
        var limit = maxBytes ?? context.RequestServices.GetRequiredService<IOptions<SecureApiOptions>>().Value.MaxRequestBodyBytes;
        var request = context.Request;
        if (!IsJsonMediaType(request.ContentType))
        {
            return Fail<T>(Problems.UnsupportedMediaType());
        }

        if (request.ContentLength > limit)
        {
            return Fail<T>(Problems.BodyTooLarge(limit));
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            // A backstop, so the server stops reading not far past the cap, too. The loop below enforces the cap exactly;
            // Kestrel's count for a chunked body runs a few bytes ahead of the body itself, so at exactly the cap it
            // would refuse a body that fits.
            sizeFeature.MaxRequestBodySize = limit + KestrelSlackBytes;
        }

        var reader = request.BodyReader;
        ReadResult read;
        try
        {
            while (true)
            {
                // No cancellation token: Kestrel hands it down to its own read of the connection, and a pipe read
                // cancelled that way can be left in progress ("Reading is already in progress", dotnet/runtime#53914).
                // When the client goes, Kestrel fails this read itself; EndpointFailures logs it as the client's doing.
                read = await reader.ReadAsync();
                if (read.Buffer.Length > limit)
                {
                    reader.AdvanceTo(read.Buffer.End);
                    return Fail<T>(Problems.BodyTooLarge(limit));
                }

                if (read.IsCompleted)
                {
                    break;
                }

                reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Fail<T>(Problems.BodyTooLarge(limit));
        }

        try
        {
            var value = read.Buffer.Length == 0 ? null : Deserialize(read.Buffer, typeInfo);
            if (value is null)
            {
                var errors = new ValidationErrors();
                errors.Add("$", "A JSON object is required.");
                return Fail<T>(Problems.Validation(errors));
            }

            return new JsonBodyResult<T>(value, null, fingerprint ? Fingerprint(read.Buffer) : null);
        }
        catch (JsonException ex)
        {
            var errors = JsonErrors.Describe(ex);
            return Fail<T>(JsonErrors.IsUnknownMember(ex) ? Problems.UnknownMembers(errors) : Problems.Validation(errors));
        }
        finally
        {
            reader.AdvanceTo(read.Buffer.End);
        }
    }

    /// <summary><c>application/json</c> or any <c>+json</c> type; a charset other than UTF-8 is refused.</summary>
    public static bool IsJsonMediaType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType) ||
            !Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
        {
            return false;
        }

        var isJson = mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) ||
                     (mediaType.MediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) &&
                      mediaType.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
        var charset = mediaType.Charset;
        return isJson && (!charset.HasValue || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));
    }

    private static T? Deserialize<T>(ReadOnlySequence<byte> body, JsonTypeInfo<T> typeInfo)
    {
        if (body.IsSingleSegment)
        {
            return JsonSerializer.Deserialize(body.FirstSpan, typeInfo);
        }

        // Parse from one contiguous span so the options' rules (and the check for trailing content) apply unchanged.
        var length = checked((int)body.Length);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            body.CopyTo(rented);
            return JsonSerializer.Deserialize(rented.AsSpan(0, length), typeInfo);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Lower-case hex SHA-256 of the body as received: what an <c>Idempotency-Key</c> is bound to.</summary>
    private static string Fingerprint(ReadOnlySequence<byte> body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var segment in body)
        {
            hash.AppendData(segment.Span);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static JsonBodyResult<T> Fail<T>(IResult problem)
        where T : class => new(null, problem);
}

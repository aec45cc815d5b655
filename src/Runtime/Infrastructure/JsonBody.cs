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
        ReadResult read = default;
        byte[]? copied = null; // the body so far, when it arrived in more than one read
        var length = 0;
        try
        {
            while (true)
            {
                // No cancellation token: Kestrel hands it down to its own read of the connection, and a pipe read
                // cancelled that way can be left in progress ("Reading is already in progress", dotnet/runtime#53914).
                // When the client goes, Kestrel fails this read itself; EndpointFailures logs it as the client's doing.
                read = await reader.ReadAsync();
                var buffer = read.Buffer;
                if (length + buffer.Length > limit)
                {
                    reader.AdvanceTo(buffer.End);
                    return Fail<T>(Problems.BodyTooLarge(limit));
                }

                if (read.IsCompleted && copied is null)
                {
                    break; // the whole body in one read (the usual case): parsed where it lies, advanced after parsing
                }

                // Consume every read whole. Leaving bytes examined but unconsumed (AdvanceTo(Start, End)) makes
                // Kestrel unable to reset its connection reader, and a client that half-closes mid-body then leaves
                // that reader "in progress" for the next request ("Reading is already in progress").
                copied = Append(copied, length, buffer);
                length += (int)buffer.Length;
                reader.AdvanceTo(buffer.End);
                if (read.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            Return(copied);
            return Fail<T>(Problems.BodyTooLarge(limit));
        }
        catch
        {
            Return(copied);
            throw;
        }

        try
        {
            return copied is null ? Parse(read.Buffer, typeInfo, fingerprint) : Parse(new ReadOnlySequence<byte>(copied, 0, length), typeInfo, fingerprint);
        }
        finally
        {
            if (copied is null)
            {
                reader.AdvanceTo(read.Buffer.End);
            }

            Return(copied);
        }
    }

    private static JsonBodyResult<T> Parse<T>(ReadOnlySequence<byte> body, JsonTypeInfo<T> typeInfo, bool fingerprint)
        where T : class
    {
        try
        {
            var value = body.Length == 0 ? null : Deserialize(body, typeInfo);
            if (value is null)
            {
                var errors = new ValidationErrors();
                errors.Add("$", "A JSON object is required.");
                return Fail<T>(Problems.Validation(errors));
            }

            return new JsonBodyResult<T>(value, null, fingerprint ? Fingerprint(body) : null);
        }
        catch (JsonException ex)
        {
            var errors = JsonErrors.Describe(ex);
            return Fail<T>(JsonErrors.IsUnknownMember(ex) ? Problems.UnknownMembers(errors) : Problems.Validation(errors));
        }
    }

    /// <summary>Appends a read to the pooled copy, growing it from the pool; the old array goes back.</summary>
    private static byte[] Append(byte[]? copied, int length, ReadOnlySequence<byte> buffer)
    {
        var needed = length + (int)buffer.Length;
        if (copied is null || copied.Length < needed)
        {
            var grown = ArrayPool<byte>.Shared.Rent(Math.Max(needed, copied is null ? 4096 : copied.Length * 2));
            if (copied is not null)
            {
                copied.AsSpan(0, length).CopyTo(grown);
                ArrayPool<byte>.Shared.Return(copied);
            }

            copied = grown;
        }

        buffer.CopyTo(copied.AsSpan(length));
        return copied;
    }

    private static void Return(byte[]? copied)
    {
        if (copied is not null)
        {
            ArrayPool<byte>.Shared.Return(copied);
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

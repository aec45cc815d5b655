using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace SecureApi.Monitoring.Alerts;

/// <summary>
/// POSTs each alert as JSON to <c>SecureApi:Alerts:Webhook:Url</c>, signed so the receiver can tell it came from this
/// service and was not replayed: <c>X-SecureApi-Timestamp</c> is the Unix time in seconds and
/// <c>X-SecureApi-Signature</c> is <c>sha256=</c> and the lowercase hex HMAC-SHA256, keyed with
/// <c>SecureApi:Alerts:Webhook:Secret</c> (UTF-8), of <c>{timestamp}.{body}</c>. A non-2xx answer throws, so the
/// delivery queue retries it.
/// </summary>
internal sealed class WebhookAlertSink(IHttpClientFactory clients, IOptions<AlertOptions> options, TimeProvider time) : IAlertSink
{
    public const string ClientName = "SecureApi.Alerts.Webhook";
    public const string SignatureHeader = "X-SecureApi-Signature";
    public const string TimestampHeader = "X-SecureApi-Timestamp";

    public async ValueTask SendAsync(SecurityAlert alert, CancellationToken cancellationToken)
    {
        var settings = options.Value.Webhook;
        if (string.IsNullOrWhiteSpace(settings.Url))
        {
            return;
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(alert, AlertJsonContext.Default.SecurityAlert);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(TimestampHeader, timestamp);
        request.Headers.Add(SignatureHeader, Sign(settings.Secret ?? string.Empty, timestamp, body));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, settings.TimeoutSeconds)));
        using var response = await clients.CreateClient(ClientName).SendAsync(request, timeout.Token);
        response.EnsureSuccessStatusCode();
    }

    /// <summary><c>sha256=</c> + hex HMAC-SHA256 over <c>{timestamp}.{body}</c>.</summary>
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var signed = new byte[timestamp.Length + 1 + body.Length];
        Encoding.ASCII.GetBytes(timestamp, signed);
        signed[timestamp.Length] = (byte)'.';
        body.CopyTo(signed.AsSpan(timestamp.Length + 1));
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }
}

namespace SecureApi.Infrastructure;

/// <summary>A request header a handler reads is malformed (for example an over-long <c>If-Match</c>): answered with 400 naming it.</summary>
internal sealed class MalformedHeaderException(string header, string message) : Exception(message)
{
    public string Header { get; } = header;
}

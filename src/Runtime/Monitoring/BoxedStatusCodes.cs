namespace SecureApi.Monitoring;

/// <summary>HTTP status codes as objects made once, for metric tags: recording a request boxes nothing.</summary>
internal static class BoxedStatusCodes
{
    private static readonly object[] s_codes = [.. Enumerable.Range(0, 600).Select(static code => (object)code)];

    public static object Of(int statusCode) => (uint)statusCode < (uint)s_codes.Length ? s_codes[statusCode] : statusCode;
}

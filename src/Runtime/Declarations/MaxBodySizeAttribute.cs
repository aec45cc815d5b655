namespace SecureApi;

/// <summary>
/// Caps the request body of an endpoint (or of every endpoint of a class) at <paramref name="bytes"/>.
/// Larger bodies get 413. Without it the cap is <see cref="SecureApiOptions.MaxRequestBodyBytes"/> (1 MiB).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = false)]
public sealed class MaxBodySizeAttribute(long bytes) : Attribute
{
    public long Bytes { get; } = bytes;
}

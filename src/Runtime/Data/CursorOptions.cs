
namespace SecureApi.Data;

/// <summary>The <c>SecureApi:Cursors</c> section.</summary>
public sealed class CursorOptions
{
    /// <summary>
    /// Base64 HMAC key for list cursors, at least 32 bytes. Required outside Development when the service has resources.
    /// Unset in Development: a random per-process key (cursors stop working on restart).
    /// </summary>
    public string? Key { get; set; }
}

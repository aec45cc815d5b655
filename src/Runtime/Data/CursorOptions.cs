
namespace SecureApi.Data;

/// <summary>The <c>SecureApi:Cursors</c> section.</summary>
public sealed class CursorOptions
{
    /// <summary>Base64 HMAC key for list cursors. Set it when several instances serve one database; otherwise a random per-process key is used.</summary>
    public string? Key { get; set; }
}

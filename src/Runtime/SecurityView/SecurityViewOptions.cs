namespace SecureApi.SecurityView;

/// <summary>
/// The admin-only security page (<c>SecureApi:SecurityView</c>): requests and outcomes over the last hour, top denied
/// callers and addresses, active blocks, recent alerts and security events, and the audit trail's chain status.
/// </summary>
public sealed class SecurityViewOptions
{
    /// <summary>
    /// True serves the page, false never does. Unset (the default): served in Development only, so a production
    /// service shows it only when someone decided it should.
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>Where the page is served; its data is at <c>{Path}/data</c>. Default <c>/admin/security</c>.</summary>
    public string Path { get; set; } = "/admin/security";

    /// <summary>The role a caller needs (besides being a person, client kind <c>user</c>). Default <c>admin</c>.</summary>
    public string Role { get; set; } = "admin";
}

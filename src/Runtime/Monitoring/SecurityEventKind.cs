namespace SecureApi.Monitoring;

/// <summary>
/// What a security event reports. The value is the event's stable log event id (and so never changes once shipped);
/// the name is its log event name.
/// </summary>
public enum SecurityEventKind
{
    /// <summary>A credential was presented and refused; the detail is the reason's category only (never the credential).</summary>
    AuthenticationFailed = 2000,

    /// <summary>An authenticated caller was refused by a role, scope or client-kind rule (403).</summary>
    AuthorizationDenied = 2001,

    /// <summary>An owned resource was asked for by a caller who does not own it, or does not exist (404): the BOLA-probe signal.</summary>
    NotFoundOrNotYours = 2002,

    /// <summary>A request failed validation; the detail is the member paths, never their values.</summary>
    ValidationFailed = 2003,

    /// <summary>A body carried unknown members or the query unknown parameters; the detail is their names.</summary>
    UnknownMembers = 2004,

    /// <summary>A request was refused by a rate limit (429); the detail is the policy.</summary>
    RateLimited = 2005,

    /// <summary>A request was refused because the service was saturated (503).</summary>
    LoadShed = 2006,

    /// <summary>An offender (address, caller or key) was blocked; the detail names what and for how long.</summary>
    Blocked = 2007,

    /// <summary>A block ended, by expiry or by an admin.</summary>
    Unblocked = 2008,

    /// <summary>An API key was minted; the detail is its id (never the key).</summary>
    KeyMinted = 2009,

    /// <summary>An API key was revoked; the detail is its id.</summary>
    KeyRevoked = 2010,

    /// <summary>A detector saw an anomaly; the detail names the detector and what crossed its threshold.</summary>
    AnomalyRaised = 2011,

    /// <summary>An <c>[UntrustedText]</c> member matched a screening rule; the detail is <c>member:rule:action</c> (never the text).</summary>
    UntrustedTextDetected = 2020,
    /// <summary>The output firewall redacted or withheld data in a response; the detail is the kinds and counts (<c>email=1 card=2</c>), never the values.</summary>
    OutputFiltered = 2014,
}

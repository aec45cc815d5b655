namespace SecureApi.AiGuards.OutputFiltering;

/// <summary>
/// The ids of what the output firewall finds: the keys of <c>SecureApi:OutputFilter:Kinds</c>, the placeholder a
/// redaction leaves (<c>[redacted:email]</c>), and the kind named in metrics and security events.
/// </summary>
public static class OutputKinds
{
    /// <summary>An e-mail address.</summary>
    public const string Email = "email";

    /// <summary>A phone number: international (<c>+44 20 7946 0958</c>, <c>0044…</c>) or a common national shape (<c>(555) 123-4567</c>, <c>020 7946 0958</c>).</summary>
    public const string Phone = "phone";

    /// <summary>A payment card number with a known issuer prefix and a valid Luhn check digit, with or without spaces or dashes.</summary>
    public const string PaymentCard = "card";

    /// <summary>An IBAN whose mod-97 checksum holds.</summary>
    public const string Iban = "iban";

    /// <summary>An API key or cloud credential: AWS access keys (<c>AKIA…</c>, <c>ASIA…</c>) and secret keys, GitHub tokens, SecureApi keys (<c>sak_…</c>), Stripe, Slack and Google keys.</summary>
    public const string ApiKey = "api-key";

    /// <summary>A JSON Web Token (<c>eyJ….eyJ….…</c>).</summary>
    public const string Jwt = "jwt";

    /// <summary>A private-key block (<c>-----BEGIN … PRIVATE KEY-----</c> to its end line).</summary>
    public const string PrivateKey = "private-key";

    /// <summary>A password in a connection string (<c>Password=…</c>, <c>Pwd=…</c>) or a URL with credentials (<c>postgres://user:secret@host</c>).</summary>
    public const string ConnectionString = "connection-string";

    /// <summary>A link or markup that runs script in a client: <c>javascript:</c>, <c>vbscript:</c>, <c>data:text/html</c> URLs and <c>&lt;script&gt;</c> elements.</summary>
    public const string ScriptLink = "script-link";

    /// <summary>Every kind, in the order detections win when two overlap.</summary>
    public static IReadOnlyList<string> All { get; } =
        [PrivateKey, Jwt, ApiKey, ConnectionString, ScriptLink, Iban, PaymentCard, Email, Phone];
}

namespace SecureApi.AiGuards.OutputFiltering;

/// <summary>What the output firewall does with a kind it finds.</summary>
public enum OutputFilterAction
{
    /// <summary>Replace the finding with a typed placeholder such as <c>[redacted:email]</c>. The default.</summary>
    Redact,

    /// <summary>Withhold the whole response (403 ProblemDetails); in a filtered member, withhold that member's text.</summary>
    Refuse,

    /// <summary>Let it through (the kind is not looked for).</summary>
    Allow,
}

namespace SecureApi.AiGuards.Screening;

/// <summary>One rule's settings: <c>SecureApi:UntrustedText:Rules:{id}</c>.</summary>
public sealed class UntrustedTextRuleOptions
{
    /// <summary>False turns the rule off. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>What a hit does. Default <see cref="UntrustedTextAction.Declared"/>: the member's mode.</summary>
    public UntrustedTextAction Action { get; set; } = UntrustedTextAction.Declared;
}

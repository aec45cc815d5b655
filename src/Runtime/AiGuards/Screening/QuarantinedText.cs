namespace SecureApi.AiGuards.Screening;

/// <summary>One quarantined member of a stored row: which row, which member, which rules, who wrote it and when. Never the text.</summary>
/// <param name="Resource">The resource's table, e.g. <c>notes</c>.</param>
/// <param name="Key">The row's key.</param>
/// <param name="Member">The member's JSON name.</param>
/// <param name="Rules">The rule ids it matched (<see cref="UntrustedTextRules"/>).</param>
/// <param name="Subject">Who wrote it.</param>
/// <param name="QuarantinedAt">When, UTC, ISO 8601.</param>
public sealed record QuarantinedText(string Resource, string Key, string Member, IReadOnlyList<string> Rules, string Subject, string QuarantinedAt);

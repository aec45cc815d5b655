namespace SecureApi.Generators.Models;

/// <summary>What a member's <c>[UntrustedText]</c> asks for; <see cref="None"/> when it has none.</summary>
internal enum UntrustedTextModeSpec
{
    None,
    Reject,
    Quarantine,
}

/// <summary>A string member of a request body that the generated handler screens before the store or the method sees it.</summary>
/// <param name="Member">The body's C# member, as the handler reads it (<c>body.Body</c>).</param>
/// <param name="JsonName">Its JSON name: what a 422 and a quarantine record name.</param>
internal sealed record UntrustedMemberSpec(string Member, string JsonName, UntrustedTextModeSpec Mode);

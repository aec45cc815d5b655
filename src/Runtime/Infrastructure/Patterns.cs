using System.ComponentModel;
using System.Text.RegularExpressions;

namespace SecureApi.Infrastructure;

/// <summary>
/// Builds the regular expressions behind <c>[RegularExpression]</c>. A generator cannot feed <c>[GeneratedRegex]</c>
/// (generators do not see each other's output), so patterns run on the linear-time <see cref="RegexOptions.NonBacktracking"/>
/// engine, which rules out catastrophic backtracking (ReDoS); patterns it cannot run fall back to the interpreter with a match timeout.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Patterns
{
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>Anchors the pattern to the whole value, as <c>RegularExpressionAttribute</c> does.</summary>
    public static Regex Create(string pattern)
    {
        var anchored = $"^(?:{pattern})$";
        try
        {
            return new Regex(anchored, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (NotSupportedException)
        {
            return new Regex(anchored, RegexOptions.CultureInvariant, MatchTimeout);
        }
    }
}

namespace SecureApi.AiGuards.OutputFiltering.Detectors;

/// <summary>
/// Private-key blocks: <c>-----BEGIN … PRIVATE KEY-----</c> (RSA, EC, DSA, OPENSSH, ENCRYPTED, PGP … KEY BLOCK) through
/// its <c>-----END …-----</c> line. A block with no end line is found through the end of the text: a cut-off key is still a key.
/// </summary>
internal sealed class PrivateKeyDetector : IOutputDetector
{
    private const string Begin = "-----BEGIN ";
    private const string End = "-----END ";
    private const string Dashes = "-----";
    private const int MaxLabel = 40;

    public string Kind => OutputKinds.PrivateKey;

    public void Scan(string text, List<OutputMatch> matches)
    {
        for (var i = text.IndexOf(Begin, StringComparison.Ordinal); i >= 0; i = text.IndexOf(Begin, i, StringComparison.Ordinal))
        {
            var headerEnd = HeaderEnd(text, i + Begin.Length);
            if (headerEnd < 0)
            {
                i += Begin.Length;
                continue;
            }

            var footer = text.IndexOf(End, headerEnd, StringComparison.Ordinal);
            var footerDashes = footer < 0 ? -1 : text.IndexOf(Dashes, footer + End.Length, StringComparison.Ordinal);
            var end = footerDashes < 0 ? text.Length : footerDashes + Dashes.Length;
            matches.Add(new OutputMatch(Kind, i, end));
            if (end >= text.Length)
            {
                return;
            }

            i = end;
        }
    }

    /// <summary>After <c>-----BEGIN </c>: a label of capitals and spaces ending in <c>PRIVATE KEY</c> (or <c>PRIVATE KEY BLOCK</c>), then dashes.</summary>
    private static int HeaderEnd(string text, int start)
    {
        var labelEnd = start + Chars.RunLength(text, start, static c => Chars.IsUpper(c) || Chars.IsDigit(c) || c == ' ', MaxLabel);
        if (!Chars.StartsWith(text, labelEnd, Dashes))
        {
            return -1;
        }

        var label = text.AsSpan(start, labelEnd - start);
        return label.EndsWith("PRIVATE KEY", StringComparison.Ordinal) || label.EndsWith("PRIVATE KEY BLOCK", StringComparison.Ordinal)
            ? labelEnd + Dashes.Length
            : -1;
    }
}

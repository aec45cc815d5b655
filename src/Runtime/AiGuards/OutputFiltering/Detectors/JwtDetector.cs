namespace SecureApi.AiGuards.OutputFiltering.Detectors;

/// <summary>
/// JSON Web Tokens: a base64url header starting <c>eyJ</c> (<c>{"</c>), a dot, a base64url payload starting <c>ey</c>,
/// a dot and the signature (empty for an unsigned token). Each character is read once.
/// </summary>
internal sealed class JwtDetector : IOutputDetector
{
    private const int MinSegment = 10;

    public string Kind => OutputKinds.Jwt;

    public void Scan(string text, List<OutputMatch> matches)
    {
        for (var i = text.IndexOf("eyJ", StringComparison.Ordinal); i >= 0 && i < text.Length; i = text.IndexOf("eyJ", i, StringComparison.Ordinal))
        {
            if (i > 0 && (Chars.IsToken(text[i - 1]) || text[i - 1] == '.'))
            {
                i += 3;
                continue;
            }

            var headerEnd = i + Chars.RunLength(text, i, Chars.IsToken);
            if (headerEnd - i < MinSegment || headerEnd >= text.Length || text[headerEnd] != '.' || !Chars.StartsWith(text, headerEnd + 1, "ey"))
            {
                i = headerEnd;
                continue;
            }

            var payloadEnd = headerEnd + 1 + Chars.RunLength(text, headerEnd + 1, Chars.IsToken);
            if (payloadEnd - headerEnd - 1 < MinSegment || payloadEnd >= text.Length || text[payloadEnd] != '.')
            {
                i = payloadEnd;
                continue;
            }

            var end = payloadEnd + 1 + Chars.RunLength(text, payloadEnd + 1, static c => Chars.IsToken(c) || c == '=');
            matches.Add(new OutputMatch(Kind, i, end));
            i = end;
        }
    }
}

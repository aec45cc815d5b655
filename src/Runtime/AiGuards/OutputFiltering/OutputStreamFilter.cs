using System.Text;
using SecureApi.AiGuards.OutputFiltering.Detectors;

namespace SecureApi.AiGuards.OutputFiltering;

/// <summary>
/// Filters a text that arrives in chunks. Between chunks it holds back the last <see cref="HoldBack"/> characters
/// (cut after whitespace where it can), longer than any secret of a fixed shape, so a secret split across chunks is
/// only ever released whole — redacted. A finding still open at the end of what has arrived (a private-key block
/// without its end line) is held until it closes, up to <see cref="MaxHeld"/>; past that it is redacted at once and
/// the rest of it dropped as it arrives. Text is scanned only once enough has gathered, so tiny chunks cost no more
/// than large ones. Clean text comes out exactly as it went in.
/// </summary>
internal sealed class OutputStreamFilter(OutputFilter filter) : IOutputStreamFilter
{
    /// <summary>Longer than any fixed-shape secret (a GitHub fine-grained token is 93 characters; a JWT is rarely 1,000).</summary>
    internal const int HoldBack = 1024;

    /// <summary>Gathered beyond the hold-back before a scan: each character is scanned a few times at most.</summary>
    private const int ScanStep = 512;

    /// <summary>The most held for one open finding (a 4096-bit RSA key block is about 3,300 characters).</summary>
    internal const int MaxHeld = 64 * 1024;

    private const int CutSearch = 256;

    private readonly StringBuilder _pending = new();
    private readonly Dictionary<string, int> _findings = new(StringComparer.Ordinal);
    private string? _dropping;
    private bool _refused;
    private bool _completed;

    public bool Refused => _refused;

    public IReadOnlyDictionary<string, int> Findings => _findings;

    public string Write(string chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        ObjectDisposedException.ThrowIf(_completed, this);
        if (_refused)
        {
            return "";
        }

        if (_dropping is not null)
        {
            chunk = Drop(chunk);
        }

        _pending.Append(chunk);
        return _pending.Length < HoldBack + ScanStep ? "" : Release(final: false);
    }

    public string Complete()
    {
        if (_completed)
        {
            return "";
        }

        var rest = _refused ? "" : Release(final: true);
        _completed = true;
        if (_findings.Count > 0)
        {
            filter.Reporter?.Report(_findings, _refused);
        }

        return rest;
    }

    private string Release(bool final)
    {
        var buffer = _pending.ToString();
        var matches = filter.Scan(buffer);
        foreach (var match in matches)
        {
            if (filter.ActionFor(match.Kind) == OutputFilterAction.Refuse)
            {
                _findings[match.Kind] = _findings.GetValueOrDefault(match.Kind) + 1;
                _refused = true;
                _pending.Clear();
                return "";
            }
        }

        var cut = final ? buffer.Length : Cut(buffer, matches);
        var emitted = 0;
        while (emitted < matches.Count && matches[emitted].End <= cut)
        {
            emitted++;
        }

        var refused = false;
        var text = filter.Render(buffer, matches, 0, emitted, 0, cut, _findings, ref refused);
        _pending.Clear();
        if (cut < buffer.Length)
        {
            _pending.Append(buffer, cut, buffer.Length - cut);
        }

        // An open finding that outgrew the limit: release its placeholder now and drop the rest of it as it comes.
        if (!final && _pending.Length > MaxHeld && emitted < matches.Count && matches[emitted].End == buffer.Length)
        {
            var open = matches[emitted];
            _findings[open.Kind] = _findings.GetValueOrDefault(open.Kind) + 1;
            text = string.Concat(text, buffer.AsSpan(cut, open.Start - cut), "[redacted:" + open.Kind + "]");
            _pending.Clear();
            _dropping = open.Kind;
        }

        return text;
    }

    /// <summary>Where to cut: about <see cref="HoldBack"/> from the end, just after whitespace, and never inside a finding.</summary>
    private static int Cut(string buffer, List<OutputMatch> matches)
    {
        var target = buffer.Length - HoldBack;
        var cut = target;
        for (var k = target; k > 0 && target - k < CutSearch; k--)
        {
            if (char.IsWhiteSpace(buffer[k - 1]))
            {
                cut = k;
                break;
            }
        }

        foreach (var match in matches)
        {
            if (match.Start < cut && match.End > cut)
            {
                // Held whole until it is complete (Release deals with one that outgrows the limit).
                cut = match.Start;
                break;
            }
        }

        return cut;
    }

    /// <summary>The part of <paramref name="chunk"/> after the end of the open finding being dropped.</summary>
    private string Drop(string chunk)
    {
        var kind = _dropping!;
        int end;
        if (kind == OutputKinds.PrivateKey)
        {
            var footer = chunk.IndexOf("-----END ", StringComparison.Ordinal);
            var dashes = footer < 0 ? -1 : chunk.IndexOf("-----", footer + 9, StringComparison.Ordinal);
            end = dashes < 0 ? chunk.Length : dashes + 5;
            _dropping = dashes < 0 ? kind : null;
        }
        else
        {
            end = Chars.RunLength(chunk, 0, static c => Chars.IsToken(c) || c is '.' or '=' or '/' or '+');
            _dropping = end < chunk.Length ? null : kind;
        }

        return chunk[end..];
    }
}

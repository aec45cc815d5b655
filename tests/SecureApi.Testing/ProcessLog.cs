using System.Text;

namespace SecureApi.Testing;

/// <summary>
/// What a child process writes to stdout and stderr, interleaved as it arrives. The process's reader threads append
/// while a test reads, so every access takes the lock: a bare <see cref="StringBuilder"/> read during an append throws
/// (CI once failed on exactly that, in a failure message that was formatted although its assertion held).
/// </summary>
public sealed class ProcessLog
{
    private readonly StringBuilder _text = new();

    /// <summary>Appends one line; <see langword="null"/> (the end of a stream) is ignored.</summary>
    public void AppendLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_text)
        {
            _text.AppendLine(line);
        }
    }

    /// <summary>Everything written so far.</summary>
    public override string ToString()
    {
        lock (_text)
        {
            return _text.ToString();
        }
    }
}

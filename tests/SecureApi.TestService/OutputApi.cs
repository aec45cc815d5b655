using System.ComponentModel.DataAnnotations;
using SecureApi;

namespace SecureApi.TestService;

public sealed record OutputText([Required, MaxLength(8_000)] string Text);

public sealed record OutputEcho(string Text, IReadOnlyList<string> Lines, int Length);

/// <summary>Echoes text back: through the output firewall, and (for comparison) without it.</summary>
[Endpoints("/output")]
public sealed partial class OutputApi
{
    [Post("/filtered"), FilterOutput]
    public static OutputEcho Filtered(OutputText body) => new(body.Text, body.Text.Split('\n'), body.Text.Length);

    [Post("/plain")]
    public static OutputEcho Plain(OutputText body) => new(body.Text, body.Text.Split('\n'), body.Text.Length);
}

using System.Diagnostics;
using System.Text.Json.Nodes;
using SecureApi.SampleTests.Infrastructure;

namespace SecureApi.SampleTests;

/// <summary>
/// The sample's document passes Spectral's OpenAPI rules and the OWASP API Security ruleset with no error
/// (tests/tools/spectral: pinned in package.json, installed by .ci/run with npm ci; README lists the remaining warnings).
/// </summary>
public sealed class OpenApiLintTests
{
    [Fact]
    public async Task TheDocumentHasNoSpectralOrOwaspError()
    {
        var tools = Path.Combine(SampleCommand.SampleDirectory(), "..", "..", "tests", "tools", "spectral");
        var spectral = Path.GetFullPath(Path.Combine(tools, "node_modules", ".bin", "spectral"));
        Assert.True(File.Exists(spectral), $"Spectral is not installed: run `npm ci` in {Path.GetFullPath(tools)} (.ci/run does).");

        var start = new ProcessStartInfo(spectral)
        {
            ArgumentList = { "lint", OpenApiDocument.BuildTimePath(), "--ruleset", Path.Combine(tools, ".spectral.yaml"), "--format", "json", "--quiet" },
            WorkingDirectory = tools,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        var results = JsonNode.Parse(await output)?.AsArray() ?? throw new InvalidOperationException("Spectral wrote no JSON: " + await error);
        var errors = results.Where(r => (int)r!["severity"]! == 0).Select(r => $"{r!["code"]} at {string.Join('.', r["path"]!.AsArray())}: {r["message"]}").ToList();
        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }
}

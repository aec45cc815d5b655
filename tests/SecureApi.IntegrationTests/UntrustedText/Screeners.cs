using Microsoft.Extensions.Options;
using SecureApi.AiGuards.Screening;

namespace SecureApi.IntegrationTests.UntrustedText;

/// <summary>A screener over fixed settings, for tests that call it directly.</summary>
internal static class Screeners
{
    public static UntrustedTextScreener Create(Action<UntrustedTextOptions>? configure = null)
    {
        var options = new SecureApiOptions();
        configure?.Invoke(options.UntrustedText);
        return new UntrustedTextScreener(new Fixed(options));
    }

    private sealed class Fixed(SecureApiOptions value) : IOptionsMonitor<SecureApiOptions>
    {
        public SecureApiOptions CurrentValue => value;

        public SecureApiOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<SecureApiOptions, string?> listener) => null;
    }
}

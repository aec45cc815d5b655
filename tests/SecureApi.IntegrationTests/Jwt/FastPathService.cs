using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureApi.Authentication;
using SecureApi.Monitoring;

namespace SecureApi.IntegrationTests.Jwt;

/// <summary>
/// The JWT test service as the default scheme's fast path sees it: a movable clock, no clock skew, every log event
/// kept (JwtBearer's at Debug, so each token it validates is seen), and each request's authentication result as the
/// authentication middleware left it.
/// </summary>
internal sealed class FastPathService : JwtService
{
    private const string JwtBearerCategory = "Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerHandler";

    public FastPathService(Action<Dictionary<string, string>>? settings = null, Action<IServiceCollection>? services = null)
        : this(new TestClock(), new CapturedLogs(), new ConcurrentQueue<AuthenticateResult?>(), settings, services)
    {
    }

    private FastPathService(
        TestClock clock, CapturedLogs logs, ConcurrentQueue<AuthenticateResult?> results, Action<Dictionary<string, string>>? settings, Action<IServiceCollection>? services)
        : base(
            values =>
            {
                values["SecureApi:Authentication:Jwt:ClockSkew"] = "00:00:00";
                values["Logging:LogLevel:Microsoft.AspNetCore.Authentication"] = "Debug";
                settings?.Invoke(values);
            },
            services: s =>
            {
                s.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options => options.TimeProvider = clock);
                s.AddSingleton<ILoggerProvider>(logs);
                s.AddSingleton<IStartupFilter>(new ResultRecorder(results));
                services?.Invoke(s);
            })
    {
        Clock = clock;
        Logs = logs;
        Results = results;
    }

    public TestClock Clock { get; }

    public CapturedLogs Logs { get; }

    /// <summary>Each request's authentication result, as the authentication middleware set it (null: no one authenticated).</summary>
    public ConcurrentQueue<AuthenticateResult?> Results { get; }

    public JwtBearerOptions Options =>
        Factory.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);

    public CachingTokenHandler Handler => (CachingTokenHandler)Options.TokenHandlers.Single();

    /// <summary>Tokens JwtBearer itself validated successfully (its own Debug event), hits of its token handler included.</summary>
    public int JwtBearerValidations => Logs.Entries.Count(e => e.Category == JwtBearerCategory && e.EventId.Name == "TokenValidationSucceeded");

    public IReadOnlyList<string> AuthenticationFailures => [.. Logs.Entries
        .Where(e => e.EventId.Id == (int)SecurityEventKind.AuthenticationFailed)
        .Select(e => Convert.ToString(e.Values["Detail"], System.Globalization.CultureInfo.InvariantCulture) ?? "")];

    public string TokenAtClock() => TestTokens.Rs256(Key, TestTokens.Claims(now: Clock.Now), KeyId);

    /// <summary>GET /widgets/me with <paramref name="bearer"/>: the status and the WWW-Authenticate values.</summary>
    public async Task<(System.Net.HttpStatusCode Status, string Challenge)> SendAsync(string bearer)
    {
        using var client = Client(bearer);
        using var response = await client.GetAsync("/widgets/me");
        return (response.StatusCode, string.Join(", ", response.Headers.WwwAuthenticate.Select(static h => h.ToString())));
    }

    /// <summary>Keeps what the authentication middleware decided, read once the request is done.</summary>
    private sealed class ResultRecorder(ConcurrentQueue<AuthenticateResult?> results) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, following) =>
            {
                await following(context);
                results.Enqueue(context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult);
            });
            next(app);
        };
    }
}

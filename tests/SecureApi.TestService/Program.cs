using SecureApi.TestService;

var builder = WebApplication.CreateSlimBuilder(args);

// The suite makes hundreds of requests as a few callers from one address: generous limits, under every other source
// so a test that sets its own (the rate-limit tests) wins.
builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
{
    // Detectors off likewise (hundreds of refusals from 127.0.0.1 would block it); DetectionTests turn them on.
    InitialData = [new("SecureApi:RateLimitPermits", "1000000"), new("SecureApi:Detection:Enabled", "false")],
});
builder.WebHost.UseKestrelHttpsConfiguration(); // HTTPS endpoints from Kestrel settings (the TLS tests run it as a child process)
builder.Services.AddSecureApi(builder.Configuration);
// Test headers go to the test scheme; every other request goes through SecureApi's own scheme selection (JWT, API keys).
builder.Services.AddAuthentication(HeaderAuthenticationHandler.SelectorName)
    .AddPolicyScheme(HeaderAuthenticationHandler.SelectorName, null, options => options.ForwardDefaultSelector = HeaderAuthenticationHandler.Select)
    .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, HeaderAuthenticationHandler>(HeaderAuthenticationHandler.SchemeName, null);
builder.Services.AddAuthorization(options =>
    options.AddPolicy(PlatformApi.TenantMemberPolicy, policy => policy.RequireClaim("tenant")));
builder.Services.AddSingleton<WidgetRepository>();
builder.Services.AddSingleton<SlowGate>();

var app = builder.Build();
app.UseSecureApi();
app.MapSecureApi();

// Endpoints SecureApi did not generate: the fallback policy must still deny them an anonymous caller.
app.MapGet("/hand-mapped", static context => context.Response.WriteAsync("hand-mapped"));
app.MapGet("/hand-mapped/cached", static context =>
{
    context.Response.Headers.CacheControl = "public, max-age=60"; // an endpoint's own caching choice is left alone
    return context.Response.WriteAsync("cached");
});
// ASP.NET Core's own opt-out on a hand-mapped endpoint: the global limiter honours it as it does [DisableRateLimiting].
app.MapGet("/hand-mapped/unlimited", static context => context.Response.WriteAsync("unlimited"))
    .DisableRateLimiting();

// What the service believes about the connection: forwarded headers may change it only from trusted proxies.
app.MapGet("/probe/connection", static context => context.Response.WriteAsync($"{context.Connection.RemoteIpAddress} {context.Request.Scheme} {context.Request.Host}"))
    .AllowAnonymous();

// Load shedding: a request held until the test releases it, and a readiness probe that stays answerable under load.
app.MapGet("/probe/slow", static async context =>
{
    await context.RequestServices.GetRequiredService<SlowGate>().PassAsync(context.RequestAborted);
    await context.Response.WriteAsync("done");
}).AllowAnonymous();
app.MapGet("/probe/ready", static context => context.Response.WriteAsync("ready"))
    .AllowAnonymous()
    .ExemptFromLoadShedding();

// A hand-written sign-in on the sensitive policy: repeated failures lock the address or the account out.
app.MapSignIn();

// A hand-written endpoint that fails: the exception handler, not a generated handler, must answer it.
app.MapGet("/hand-mapped/boom", static Task (HttpContext _) => throw new InvalidOperationException("secret internal detail: Password=hunter2"));
app.Run();

/// <summary>The entry point WebApplicationFactory starts.</summary>
public partial class Program;

using SecureApi.TestService;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddSecureApi(builder.Configuration);
builder.Services.AddAuthentication(HeaderAuthenticationHandler.SchemeName)
    .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, HeaderAuthenticationHandler>(HeaderAuthenticationHandler.SchemeName, null);
builder.Services.AddAuthorization(options =>
    options.AddPolicy(PlatformApi.TenantMemberPolicy, policy => policy.RequireClaim("tenant")));
builder.Services.AddSingleton<WidgetRepository>();

var app = builder.Build();
app.UseSecureApi();
app.MapSecureApi();
app.Run();

/// <summary>The entry point WebApplicationFactory starts.</summary>
public partial class Program;

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace SecureApi.Authentication;

/// <summary>
/// The schemes <c>AddSecureApi</c> registers: a default scheme (<see cref="DefaultSchemeHandler"/>) that authenticates
/// with JWT bearer or API keys by the credentials a request carries, and sends challenges to <see cref="ChallengeHandler"/>.
/// </summary>
internal static class AuthenticationRegistration
{
    public static void AddSecureApiAuthentication(this IServiceCollection services)
    {
        services.AddSingleton(ResolveJwt);
        services.AddSingleton(static services =>
            TokenCacheSettings.From(services.GetRequiredService<IOptions<SecureApiOptions>>().Value.Authentication.TokenCache));
        services.TryAddTransient<DefaultSchemeHandler>();
        services.AddAuthentication(static options =>
            {
                options.DefaultScheme = SecureApiSchemes.Default;
                options.AddScheme<DefaultSchemeHandler>(SecureApiSchemes.Default, null);
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(SecureApiSchemes.ApiKey, null)
            .AddScheme<AuthenticationSchemeOptions, ChallengeHandler>(ChallengeHandler.SchemeName, null)
            .AddJwtBearer(SecureApiSchemes.Bearer, static _ => { });

        // Applied after JwtBearer's own configuration, so SecureApi's values win; checked at start-up, so a missing
        // issuer or audience stops the service instead of failing its first request.
        services.AddOptions<JwtBearerOptions>(SecureApiSchemes.Bearer)
            .Configure<JwtSettings, TokenCacheSettings>(JwtBearerSetup.Apply)
            .ValidateOnStart();

        // Runs after JwtBearer made the ConfigurationManager from Authority. IdentityModel otherwise keeps validating
        // with the "last known good" metadata for an hour: a key the issuer withdrew (a leaked one, say) would still work.
        services.PostConfigure<JwtBearerOptions>(SecureApiSchemes.Bearer, static options =>
        {
            if (options.ConfigurationManager is Microsoft.IdentityModel.Tokens.BaseConfigurationManager manager)
            {
                manager.UseLastKnownGoodConfiguration = false;
            }
        });
    }

    private static JwtSettings ResolveJwt(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<SecureApiOptions>>().Value.Authentication.Jwt;
        const string source = SecureApiOptions.SectionName + ":Authentication:Jwt";
        var configured = JwtSettings.From(options, source);
        var development = services.GetRequiredService<IHostEnvironment>().IsDevelopment();
        if (!development && !options.AllowSymmetricKeys && configured.Keys.Any(static key => key is Microsoft.IdentityModel.Tokens.SymmetricSecurityKey))
        {
            throw JwtSettings.Invalid(source, "SigningKeys", "holds a symmetric key outside Development: whoever can verify such a token can also mint one. Use an Authority or RSA/EC public keys, or set AllowSymmetricKeys to true deliberately.");
        }

        return configured.IsConfigured || !development
            ? configured
            : DevelopmentJwts.From(services.GetRequiredService<IConfiguration>(), options);
    }
}

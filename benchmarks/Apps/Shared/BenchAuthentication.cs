using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SecureApi.Bench;

/// <summary>
/// JWT bearer the usual ASP.NET Core way, with the rules SecureApi applies: RS256 with the configured key, issuer and
/// audience required, lifetime required with 30 s skew, <c>typ</c> at+jwt, claims under their JWT names. No cache of
/// validated tokens: plain JwtBearer has none.
/// </summary>
public static class BenchAuthentication
{
    public static IServiceCollection AddBenchJwt(this IServiceCollection services, IConfiguration configuration)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(BenchSettings.PublicKeyPem(configuration));
        var key = new RsaSecurityKey(rsa) { KeyId = BenchSettings.KeyId };
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.SaveToken = false;
            options.IncludeErrorDetails = false;
            options.TokenHandlers.Clear();
            options.TokenHandlers.Add(new JsonWebTokenHandler { MapInboundClaims = false });
            options.TokenValidationParameters = new TokenValidationParameters
            {
                RequireSignedTokens = true,
                ValidateIssuerSigningKey = true,
                IssuerSigningKey = key,
                ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
                ValidIssuer = BenchSettings.Issuer,
                ValidAudience = BenchSettings.Audience,
                RequireAudience = true,
                RequireExpirationTime = true,
                ClockSkew = TimeSpan.FromSeconds(30),
                ValidTypes = ["at+jwt"],
                NameClaimType = "sub",
                RoleClaimType = "role",
            };
        });
        services.AddAuthorization();
        return services;
    }
}

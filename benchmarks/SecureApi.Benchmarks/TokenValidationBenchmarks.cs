using System.Security.Claims;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SecureApi.Authentication;

namespace SecureApi.Benchmarks;

/// <summary>
/// What validating a bearer token costs per request: the handler and validation parameters SecureApi's JwtBearer
/// set-up makes (cloned per call, as JwtBearer does), signed with RS256, ES256 or HS256, with the validated-token cache
/// off and on (a hit), and the cache key's SHA-256 on its own. The access-token rules and the rest of the pipeline
/// are not included.
/// </summary>
[MemoryDiagnoser]
public class TokenValidationBenchmarks
{
    private const string Issuer = "https://issuer.bench";
    private const string Audience = "bench";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly ECDsa _ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly byte[] _secret = RandomNumberGenerator.GetBytes(32);

    private Scheme _rs256Uncached = null!;
    private Scheme _rs256Cached = null!;
    private Scheme _es256Uncached = null!;
    private Scheme _es256Cached = null!;
    private Scheme _hs256Uncached = null!;
    private Scheme _hs256Cached = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rsaPem = new JwtSigningKeyOptions { Id = "rsa", PublicKeyPem = _rsa.ExportSubjectPublicKeyInfoPem() };
        var ecPem = new JwtSigningKeyOptions { Id = "ec", PublicKeyPem = _ec.ExportSubjectPublicKeyInfoPem() };
        var hmac = new JwtSigningKeyOptions { Id = "hs", Symmetric = Convert.ToBase64String(_secret) };
        var rs256 = Token(new SigningCredentials(new RsaSecurityKey(_rsa) { KeyId = "rsa" }, SecurityAlgorithms.RsaSha256));
        var es256 = Token(new SigningCredentials(new ECDsaSecurityKey(_ec) { KeyId = "ec" }, SecurityAlgorithms.EcdsaSha256));
        var hs256 = Token(new SigningCredentials(new SymmetricSecurityKey(_secret) { KeyId = "hs" }, SecurityAlgorithms.HmacSha256));
        _rs256Uncached = Scheme.Create(rsaPem, cacheSize: 0, rs256);
        _rs256Cached = Scheme.Create(rsaPem, cacheSize: 10_000, rs256);
        _es256Uncached = Scheme.Create(ecPem, cacheSize: 0, es256);
        _es256Cached = Scheme.Create(ecPem, cacheSize: 10_000, es256);
        _hs256Uncached = Scheme.Create(hmac, cacheSize: 0, hs256);
        _hs256Cached = Scheme.Create(hmac, cacheSize: 10_000, hs256);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _rsa.Dispose();
        _ec.Dispose();
    }

    [Benchmark(Baseline = true)]
    public Task<TokenValidationResult> Rs256Uncached() => _rs256Uncached.ValidateAsync();

    [Benchmark]
    public Task<TokenValidationResult> Rs256CacheHit() => _rs256Cached.ValidateAsync();

    [Benchmark]
    public Task<TokenValidationResult> Es256Uncached() => _es256Uncached.ValidateAsync();

    [Benchmark]
    public Task<TokenValidationResult> Es256CacheHit() => _es256Cached.ValidateAsync();

    [Benchmark]
    public Task<TokenValidationResult> Hs256Uncached() => _hs256Uncached.ValidateAsync();

    [Benchmark]
    public Task<TokenValidationResult> Hs256CacheHit() => _hs256Cached.ValidateAsync();

    /// <summary>The cache key alone: SHA-256 over the token text.</summary>
    [Benchmark]
    public object CacheKeySha256() => TokenHash.Of(_rs256Cached.Token);

    private static string Token(SigningCredentials credentials)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity([new Claim("sub", "alice"), new Claim("tenant", "acme"), new Claim("scope", "notes:read notes:write")]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(55),
            TokenType = "at+jwt",
            SigningCredentials = credentials,
        });
    }

    /// <summary>One configured JWT scheme: the options JwtBearerSetup fills in, and one token it accepts.</summary>
    private sealed class Scheme(JwtBearerOptions options, string token)
    {
        public string Token => token;

        public static Scheme Create(JwtSigningKeyOptions key, int cacheSize, string token)
        {
            var settings = JwtSettings.From(
                new JwtOptions { SigningKeys = [key], Issuers = [Issuer], Audiences = [Audience] },
                "benchmark");
            var options = new JwtBearerOptions();
            JwtBearerSetup.Apply(options, settings, TokenCacheSettings.From(new TokenCacheOptions { Enabled = cacheSize > 0, MaxEntries = Math.Max(cacheSize, 1) }));
            var scheme = new Scheme(options, token);
            var first = scheme.ValidateAsync().GetAwaiter().GetResult();
            return first.IsValid ? scheme : throw new InvalidOperationException("The benchmark token does not validate.", first.Exception);
        }

        // JwtBearer clones the parameters for every request; so does the benchmark.
        public Task<TokenValidationResult> ValidateAsync() =>
            options.TokenHandlers[0].ValidateTokenAsync(token, options.TokenValidationParameters.Clone());
    }
}

using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SecureApi.Authentication;
using SecureApi.IntegrationTests.Jwt;

namespace SecureApi.IntegrationTests.Allocations;

/// <summary>
/// A repeat token's caller is read once, from the validated claims, and reused by every cache hit whose identity keeps
/// them: reading the <see cref="Caller"/> of such a hit allocates the <see cref="Caller"/> object and the runtime's lookup of
/// the primary identity, nothing else (no role or scope sets, no sorted lists, no claim enumerators). Counted on this thread around <see cref="Caller.Read"/>
/// alone, through the real <see cref="CachingTokenHandler"/> in front of a stand-in for the JWT handler.
/// </summary>
[Collection(AllocationTestGroup.Name)]
public sealed class CachedCallerAllocationTests
{
    private const int Reads = 1_000;

    /// <summary>A <see cref="Caller"/> on 64-bit: object header and method table, the principal and the reading.</summary>
    private const int CallerBytes = 32;

    /// <summary>
    /// The <see cref="Caller"/> and the enumerator <see cref="ClaimsPrincipal.Identity"/> boxes to find the primary
    /// identity (40 bytes). Once the JIT has optimised <see cref="ClaimsPrincipal.Identity"/> (tier 1), .NET 10 allocates
    /// that enumerator on the stack, so which of the two a run measures depends on how warm the process is (the whole
    /// suite: 32; this test alone: 72). Either is the Caller and nothing else; before the cached reading it was 1,824.
    /// </summary>
    private const int CallerAndPrimaryIdentityBytes = 72;

    private static readonly SymmetricSecurityKey Key = new(RandomNumberGenerator.GetBytes(32)) { KeyId = "a" };
    private static readonly string[] Audiences = [TestTokens.Audience];

    [Fact]
    public async Task ReadingTheCallerOfARepeatTokenAllocatesOnlyTheCallerObject()
    {
        var clock = new TestClock();
        var lifetime = JwtLifetime.Validator(() => clock.Now);
        var handler = new CachingTokenHandler(new ValidatingStandIn(), new ValidatedTokenCache(10), () => clock.Now, lifetime, TimeSpan.FromMinutes(5));
        var token = TestTokens.Encode(TestTokens.Header("HS256"), TestTokens.Claims("alice", clock.Now), sign: null) + "sig";
        await handler.ValidateTokenAsync(token, Parameters(lifetime));
        var hit = await handler.ValidateTokenAsync(token, Parameters(lifetime));
        var principal = new ClaimsPrincipal(hit.ClaimsIdentity);

        var caller = Caller.Read(principal);
        var allocated = AllocatedReading(principal);

        Assert.Equal(("alice", true, true), (caller?.Subject, caller?.IsInRole("editor"), caller?.HasScope("notes:read")));
        Assert.InRange(allocated, (long)CallerBytes * Reads, (long)CallerAndPrimaryIdentityBytes * Reads);
    }

    private static long AllocatedReading(ClaimsPrincipal principal)
    {
        for (var i = 0; i < 100; i++)
        {
            Caller.Read(principal);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Reads; i++)
        {
            Caller.Read(principal);
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static TokenValidationParameters Parameters(LifetimeValidator lifetime) => new()
    {
        IssuerSigningKeys = [Key],
        ValidIssuers = [TestTokens.Issuer],
        ValidAudiences = Audiences,
        LifetimeValidator = lifetime,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
    };

    /// <summary>Says every token is valid, signed by <see cref="Key"/>, with a caller who has roles, scopes and a tenant.</summary>
    private sealed class ValidatingStandIn : TokenHandler
    {
        public override Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters) =>
            Task.FromResult(new TokenValidationResult
            {
                IsValid = true,
                SecurityToken = new JsonWebToken(token) { SigningKey = Key },
                ClaimsIdentity = new CaseSensitiveClaimsIdentity(
                    [
                        new Claim("sub", new JsonWebToken(token).Subject),
                        new Claim("tenant", "acme"),
                        new Claim("role", "editor"),
                        new Claim("role", "reader"),
                        new Claim("scope", "notes:read notes:write"),
                        new Claim("client_kind", "user"),
                    ],
                    "Bearer"),
                Issuer = TestTokens.Issuer,
            });
    }
}

using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SecureApi.Authentication;

namespace SecureApi.IntegrationTests.Jwt;

/// <summary>
/// The cache wrapper on its own, around a counting stand-in for the JWT handler: what it calls the handler for, what
/// it stores, and the race a key rotation can run against a validation in flight. (The pipeline tests are in
/// <see cref="ValidatedTokenCacheTests"/>.)
/// </summary>
public sealed class CachingTokenHandlerTests
{
    private static readonly SymmetricSecurityKey KeyA = new(RandomNumberGenerator.GetBytes(32)) { KeyId = "a" };
    private static readonly SymmetricSecurityKey KeyB = new(RandomNumberGenerator.GetBytes(32)) { KeyId = "b" };

    private readonly TestClock _clock = new();
    private readonly LifetimeValidator _lifetime;

    public CachingTokenHandlerTests() => _lifetime = JwtLifetime.Validator(() => _clock.Now);

    [Fact]
    public async Task AFailedValidationIsNeverCached()
    {
        var inner = new CountingHandler(KeyA) { Valid = false };
        var handler = Handler(inner, size: 10);
        var token = Token("alice");

        await handler.ValidateTokenAsync(token, Parameters(KeyA));
        await handler.ValidateTokenAsync(token, Parameters(KeyA));

        Assert.Equal(2, inner.Calls);
    }

    [Fact]
    public async Task ASuccessfulValidationIsReusedForTheSameToken()
    {
        var inner = new CountingHandler(KeyA);
        var handler = Handler(inner, size: 10);
        var token = Token("alice");

        await handler.ValidateTokenAsync(token, Parameters(KeyA));
        await handler.ValidateTokenAsync(token, Parameters(KeyA));

        Assert.Equal(1, inner.Calls);
    }

    [Fact]
    public async Task EachHitGetsItsOwnIdentity()
    {
        var handler = Handler(new CountingHandler(KeyA), size: 10);
        var token = Token("alice");
        await handler.ValidateTokenAsync(token, Parameters(KeyA));
        var hit = await handler.ValidateTokenAsync(token, Parameters(KeyA));
        hit.ClaimsIdentity.AddClaim(new Claim("role", "admin")); // as a claims transformation might

        var next = await handler.ValidateTokenAsync(token, Parameters(KeyA));

        Assert.False(next.ClaimsIdentity.HasClaim("role", "admin"));
    }

    [Fact]
    public async Task AClaimAddedToAHitIsSeenByItsCaller()
    {
        var handler = Handler(new CountingHandler(KeyA), size: 10);
        var token = Token("alice");
        await handler.ValidateTokenAsync(token, Parameters(KeyA));
        var hit = await handler.ValidateTokenAsync(token, Parameters(KeyA));
        hit.ClaimsIdentity.AddClaim(new Claim("role", "admin")); // as a claims transformation might

        var caller = Caller.Read(new ClaimsPrincipal(hit.ClaimsIdentity));

        Assert.True(caller?.IsInRole("admin"));
    }

    [Fact]
    public async Task AHitComparesClaimTypesAsCaseSensitivelyAsTheValidation()
    {
        var handler = Handler(new CountingHandler(KeyA), size: 10);
        var token = Token("alice");
        await handler.ValidateTokenAsync(token, Parameters(KeyA));

        var hit = await handler.ValidateTokenAsync(token, Parameters(KeyA));

        Assert.Null(hit.ClaimsIdentity.FindFirst("SUB"));
    }

    [Fact]
    public async Task TheCacheNeverHoldsMoreThanItsSize()
    {
        var handler = Handler(new CountingHandler(KeyA), size: 3);

        foreach (var subject in new[] { "a", "b", "c", "d", "e" })
        {
            await handler.ValidateTokenAsync(Token(subject), Parameters(KeyA));
        }

        Assert.Equal(3, handler.Cache.Count);
    }

    [Fact]
    public async Task AChangeInTheOfferedKeysClearsTheCache()
    {
        // Key a is still offered the second time, so only the clearing makes the handler validate again.
        var inner = new CountingHandler(KeyA);
        var handler = Handler(inner, size: 10);
        var token = Token("alice");
        await handler.ValidateTokenAsync(token, Parameters(KeyA, KeyB));

        await handler.ValidateTokenAsync(token, Parameters(KeyA));

        Assert.Equal(2, inner.Calls);
    }

    [Fact]
    public async Task AnEntryAddedAfterTheKeysChangedIsNotUsedWhenItsKeyIsGone()
    {
        // A validation with key a is in flight when a request with only key b clears the cache; the first then stores
        // its entry in the fresh cache. The key check, not the clearing, is what keeps that entry from being used.
        var inner = new CountingHandler(KeyA) { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var handler = Handler(inner, size: 10);
        var token = Token("alice");
        var inFlight = handler.ValidateTokenAsync(token, Parameters(KeyA));
        var rotated = handler.ValidateTokenAsync(Token("bob"), Parameters(KeyB));
        inner.Gate.SetResult();
        await Task.WhenAll(inFlight, rotated);

        await handler.ValidateTokenAsync(token, Parameters(KeyB));

        Assert.Equal(3, inner.Calls);
    }

    private CachingTokenHandler Handler(TokenHandler inner, int size) => new(inner, new ValidatedTokenCache(size), () => _clock.Now, _lifetime, TimeSpan.FromMinutes(5));

    // One audience list for every request, as JwtBearer's clones share the configured one.
    private static readonly string[] Audiences = [TestTokens.Audience];

    private TokenValidationParameters Parameters(params SecurityKey[] keys) => new()
    {
        IssuerSigningKeys = keys,
        ValidIssuers = [TestTokens.Issuer],
        ValidAudiences = Audiences,
        LifetimeValidator = _lifetime,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
    };

    private string Token(string subject) => TestTokens.Encode(TestTokens.Header("HS256"), TestTokens.Claims(subject, _clock.Now), sign: null) + "sig";

    /// <summary>Says every token is valid (or none), signed by <see cref="CountingHandler"/>'s key; counts its calls.</summary>
    private sealed class CountingHandler(SecurityKey key) : TokenHandler
    {
        private int _calls;

        public int Calls => _calls;

        public bool Valid { get; init; } = true;

        public TaskCompletionSource? Gate { get; init; }

        public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
        {
            Interlocked.Increment(ref _calls);
            if (Gate is { } gate && new JsonWebToken(token).Subject == "alice")
            {
                await gate.Task;
            }

            return Valid
                ? new TokenValidationResult
                {
                    IsValid = true,
                    SecurityToken = new JsonWebToken(token) { SigningKey = key },
                    ClaimsIdentity = new CaseSensitiveClaimsIdentity([new Claim("sub", new JsonWebToken(token).Subject)], "Bearer"),
                    Issuer = TestTokens.Issuer,
                }
                : new TokenValidationResult { IsValid = false, Exception = new SecurityTokenInvalidSignatureException("bad") };
        }
    }
}

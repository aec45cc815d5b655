using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SecureApi.Authentication;

/// <summary>
/// Wraps the JWT handler with a <see cref="ValidatedTokenCache"/>: a token that validated is answered from the cache
/// only while a fresh validation of it would succeed — before its <c>exp</c>, with the key that signed it still among
/// this request's keys, its issuer still accepted and the same validation policy (decided by
/// <see cref="ValidatedTokenLookup"/>). Anything else goes to the handler. Failures are never cached. The access-token
/// rules run on every request regardless (JwtBearer's OnTokenValidated, or <see cref="BearerFastPath"/> for a hit it
/// answers without JwtBearer).
/// </summary>
/// <param name="maxLifetime">The longest an entry lives even when its token lives longer.</param>
internal sealed class CachingTokenHandler(
    TokenHandler inner, ValidatedTokenCache cache, Func<DateTimeOffset> clock, LifetimeValidator lifetime, TimeSpan maxLifetime)
    : TokenHandler
{
    private readonly ValidatedTokenLookup _lookup = new(cache, clock, lifetime);
    private long _hits;
    private long _directHits;
    private long _validations;

    internal ValidatedTokenCache Cache => cache;

    /// <summary>What decides that an entry still holds; shared with <see cref="BearerFastPath"/>.</summary>
    internal ValidatedTokenLookup Lookup => _lookup;

    /// <summary>
    /// Requests answered from the cache, here or by <see cref="BearerFastPath"/> (for tests: a hit looks exactly like a
    /// validation from outside).
    /// </summary>
    internal long Hits => Interlocked.Read(ref _hits);

    /// <summary>The part of <see cref="Hits"/> the default scheme answered itself, without JwtBearer (for tests, as <see cref="Hits"/>).</summary>
    internal long DirectHits => Interlocked.Read(ref _directHits);

    /// <summary>Cache misses: tokens the JWT handler validated in full after a lookup (for tests, as <see cref="Hits"/>).</summary>
    internal long Validations => Interlocked.Read(ref _validations);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        ArgumentNullException.ThrowIfNull(validationParameters);
        if (string.IsNullOrEmpty(token) || !_lookup.CanAnswer(validationParameters))
        {
            return await inner.ValidateTokenAsync(token, validationParameters).ConfigureAwait(false);
        }

        var (available, configuration) = await ValidatedTokenLookup.ConfigurationAsync(validationParameters.ConfigurationManager).ConfigureAwait(false);
        if (!available)
        {
            return await inner.ValidateTokenAsync(token, validationParameters).ConfigureAwait(false);
        }

        var policy = ValidationPolicy.Of(validationParameters);
        var hash = TokenHash.Of(token);
        var now = clock();
        if (_lookup.Find(hash, validationParameters, configuration, policy, now) is { } entry)
        {
            Interlocked.Increment(ref _hits);
            return entry.ToResult();
        }

        Interlocked.Increment(ref _validations);
        var result = await inner.ValidateTokenAsync(token, validationParameters).ConfigureAwait(false);
        if (result.IsValid && Entry(result, policy, validationParameters.ClockSkew, now, maxLifetime) is { } validated)
        {
            cache.Add(hash, validated, now);
        }

        return result;
    }

    // Not used by JwtBearer, which passes the token text; handed to the inner handler unchanged.
    public override SecurityToken ReadToken(string token) => inner.ReadToken(token);

    public override Task<TokenValidationResult> ValidateTokenAsync(SecurityToken token, TokenValidationParameters validationParameters) =>
        inner.ValidateTokenAsync(token, validationParameters);

    /// <summary>Counts a request <see cref="BearerFastPath"/> answered from an entry of this cache.</summary>
    internal void CountDirectHit()
    {
        Interlocked.Increment(ref _hits);
        Interlocked.Increment(ref _directHits);
    }

    /// <summary>The entry for a successful validation, or null when it cannot be cached soundly.</summary>
    private static ValidatedToken? Entry(TokenValidationResult result, ValidationPolicy policy, TimeSpan skew, DateTimeOffset now, TimeSpan maxLifetime)
    {
        if (result.SecurityToken is not JsonWebToken { SigningKey: { } key } jwt || !jwt.TryGetPayloadValue<object>("exp", out _) ||
            result.ClaimsIdentity is not { } identity)
        {
            return null;
        }

        // Never past exp (the validator would allow exp + skew), nor past a signing certificate's end.
        var expires = Min(new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero), now + maxLifetime);
        if (key is X509SecurityKey { Certificate: { } certificate })
        {
            expires = Min(expires, new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero));
        }

        // A clock set back before nbf would make the validator refuse the token again; so does the cache.
        var notBefore = jwt.TryGetPayloadValue<object>("nbf", out _)
            ? new DateTimeOffset(jwt.ValidFrom, TimeSpan.Zero) - skew
            : DateTimeOffset.MinValue;
        return expires <= now
            ? null
            : new ValidatedToken(identity, jwt, result.Issuer, result.TokenType, SigningKeyIdentity.Of(key), policy, notBefore, expires);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}

using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SecureApi.Authentication;

/// <summary>
/// Wraps the JWT handler with a <see cref="ValidatedTokenCache"/>: a token that validated is answered from the cache
/// only while a fresh validation of it would succeed — before its <c>exp</c>, with the key that signed it still among
/// this request's keys, its issuer still accepted and the same validation policy. Anything else goes to the handler.
/// Failures are never cached. The access-token rules run on every request regardless (JwtBearer's OnTokenValidated).
/// </summary>
/// <param name="maxLifetime">The longest an entry lives even when its token lives longer.</param>
internal sealed class CachingTokenHandler(
    TokenHandler inner, ValidatedTokenCache cache, Func<DateTimeOffset> clock, LifetimeValidator lifetime, TimeSpan maxLifetime)
    : TokenHandler
{
    private volatile SigningKeySet _keys = SigningKeySet.Empty;
    private long _hits;
    private long _validations;

    internal ValidatedTokenCache Cache => cache;

    /// <summary>Requests answered from the cache (for tests: a hit looks exactly like a validation from outside).</summary>
    internal long Hits => Interlocked.Read(ref _hits);

    /// <summary>Cache misses: tokens the JWT handler validated in full after a lookup (for tests, as <see cref="Hits"/>).</summary>
    internal long Validations => Interlocked.Read(ref _validations);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        ArgumentNullException.ThrowIfNull(validationParameters);
        if (string.IsNullOrEmpty(token) || !ValidationPolicy.CanCache(validationParameters, lifetime))
        {
            return await inner.ValidateTokenAsync(token, validationParameters).ConfigureAwait(false);
        }

        BaseConfiguration? configuration = null;
        if (validationParameters.ConfigurationManager is { } manager)
        {
            try
            {
                // The handler asks for the same document: cached, fetched only when due.
                configuration = await manager.GetBaseConfigurationAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or HttpRequestException or TaskCanceledException)
            {
                return await inner.ValidateTokenAsync(token, validationParameters).ConfigureAwait(false);
            }
        }

        var keys = CurrentKeys(validationParameters, configuration);
        var policy = ValidationPolicy.Of(validationParameters);
        var hash = TokenHash.Of(token);
        var now = clock();
        if (cache.TryGet(hash, now, out var entry) && now >= entry!.NotBefore &&
            entry.Policy == policy && keys.Contains(entry.Key) && IssuerAccepted(entry.Issuer, validationParameters, configuration))
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

    /// <summary>This request's keys; the cache is cleared when they differ from the last request's (a rotation).</summary>
    private SigningKeySet CurrentKeys(TokenValidationParameters parameters, BaseConfiguration? configuration)
    {
        var last = _keys;
        var current = SigningKeySet.From(parameters, configuration, last);
        if (!ReferenceEquals(current, last))
        {
            _keys = current;
            if (!current.HasSameKeysAs(last))
            {
                cache.Clear();
            }
        }

        return current;
    }

    private static bool IssuerAccepted(string? issuer, TokenValidationParameters parameters, BaseConfiguration? configuration)
    {
        if (!parameters.ValidateIssuer)
        {
            return true;
        }

        return issuer is not null &&
            (string.Equals(issuer, parameters.ValidIssuer, StringComparison.Ordinal) ||
             string.Equals(issuer, configuration?.Issuer, StringComparison.Ordinal) ||
             ContainsOrdinal(parameters.ValidIssuers, issuer));
    }

    // On every hit: by index where the list allows it, so no enumerator is boxed.
    private static bool ContainsOrdinal(IEnumerable<string>? values, string value)
    {
        if (values is IReadOnlyList<string> list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (string.Equals(list[i], value, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        return values?.Contains(value, StringComparer.Ordinal) ?? false;
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

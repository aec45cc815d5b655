using Microsoft.IdentityModel.Tokens;

namespace SecureApi.Authentication;

/// <summary>
/// The one place that decides whether a cached validation still holds for a request's validation parameters right
/// now: the entry is present and unexpired, past its <c>nbf</c>, made under the same <see cref="ValidationPolicy"/>,
/// signed with a key still among the current keys (the parameters' own and the authority's) and from an issuer still
/// accepted. A change of keys (a rotation) clears the cache. Asked by <see cref="CachingTokenHandler"/> inside JwtBearer
/// and by <see cref="BearerFastPath"/> before it.
/// </summary>
internal sealed class ValidatedTokenLookup(ValidatedTokenCache cache, Func<DateTimeOffset> clock, LifetimeValidator lifetime)
{
    private volatile SigningKeySet _keys = SigningKeySet.Empty;

    /// <summary>The JWT scheme's clock, which the lifetime check and the access-token rules read too.</summary>
    public DateTimeOffset Now() => clock();

    /// <summary>False when the parameters hold something a cached answer cannot stand for (<see cref="ValidationPolicy.CanCache"/>).</summary>
    public bool CanAnswer(TokenValidationParameters parameters) => ValidationPolicy.CanCache(parameters, lifetime);

    /// <summary>
    /// The authority's current document (null without an authority); not available when it cannot be had now, and
    /// then only a full validation may answer. The JWT handler asks for the same document: cached, fetched only when due.
    /// </summary>
    public static async ValueTask<(bool Available, BaseConfiguration? Configuration)> ConfigurationAsync(BaseConfigurationManager? manager)
    {
        if (manager is null)
        {
            return (true, null);
        }

        try
        {
            return (true, await manager.GetBaseConfigurationAsync(CancellationToken.None).ConfigureAwait(false));
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or HttpRequestException or TaskCanceledException)
        {
            return (false, null);
        }
    }

    /// <summary>The entry for <paramref name="hash"/> when a fresh validation with these parameters would succeed now; else null.</summary>
    public ValidatedToken? Find(TokenHash hash, TokenValidationParameters parameters, BaseConfiguration? configuration, ValidationPolicy policy, DateTimeOffset now)
    {
        var keys = CurrentKeys(parameters, configuration);
        return cache.TryGet(hash, now, out var entry) && now >= entry!.NotBefore &&
            entry.Policy == policy && keys.Contains(entry.Key) && IssuerAccepted(entry.Issuer, parameters, configuration)
            ? entry
            : null;
    }

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
}

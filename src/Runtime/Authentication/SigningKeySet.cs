using Microsoft.IdentityModel.Tokens;

namespace SecureApi.Authentication;

/// <summary>
/// The signing keys one validation may use: the validation parameters' own keys and, with an authority, those of its
/// current discovery document — the same sources <c>JsonWebTokenHandler</c> draws from.
/// </summary>
internal sealed class SigningKeySet
{
    public static readonly SigningKeySet Empty = new([], []);

    private readonly SecurityKey[] _keys;
    private readonly HashSet<SigningKeyIdentity> _identities;

    private SigningKeySet(SecurityKey[] keys, HashSet<SigningKeyIdentity> identities)
    {
        _keys = keys;
        _identities = identities;
    }

    /// <summary>
    /// The keys <paramref name="parameters"/> and <paramref name="configuration"/> offer; <paramref name="last"/> again
    /// when they are the very same key objects (the common case: nothing is allocated or hashed).
    /// </summary>
    public static SigningKeySet From(TokenValidationParameters parameters, BaseConfiguration? configuration, SigningKeySet last)
    {
        if (last.IsSameObjects(parameters, configuration))
        {
            return last;
        }

        var keys = Sources(parameters, configuration).ToArray();
        return new SigningKeySet(keys, [.. keys.Select(SigningKeyIdentity.Of)]);
    }

    public bool Contains(SigningKeyIdentity key) => _identities.Contains(key);

    /// <summary>True when both sets hold the same keys (by kid and thumbprint), whichever objects carry them.</summary>
    public bool HasSameKeysAs(SigningKeySet other) => ReferenceEquals(this, other) || _identities.SetEquals(other._identities);

    private bool IsSameObjects(TokenValidationParameters parameters, BaseConfiguration? configuration)
    {
        var i = 0;
        foreach (var key in Sources(parameters, configuration))
        {
            if (i == _keys.Length || !ReferenceEquals(key, _keys[i]))
            {
                return false;
            }

            i++;
        }

        return i == _keys.Length && _keys.Length > 0;
    }

    private static IEnumerable<SecurityKey> Sources(TokenValidationParameters parameters, BaseConfiguration? configuration)
    {
        if (parameters.IssuerSigningKey is { } single)
        {
            yield return single;
        }

        foreach (var key in parameters.IssuerSigningKeys ?? [])
        {
            yield return key;
        }

        foreach (var key in configuration?.SigningKeys ?? [])
        {
            yield return key;
        }
    }
}

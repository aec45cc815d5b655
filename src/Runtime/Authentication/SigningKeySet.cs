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

    // Asked on every request, so walked without an iterator or a boxed enumerator where the lists allow it.
    private bool IsSameObjects(TokenValidationParameters parameters, BaseConfiguration? configuration)
    {
        var i = 0;
        return _keys.Length > 0 &&
            (parameters.IssuerSigningKey is not { } single || IsNext(single, ref i)) &&
            AreNext(parameters.IssuerSigningKeys, ref i) &&
            AreNext(configuration?.SigningKeys, ref i) &&
            i == _keys.Length;
    }

    private bool AreNext(IEnumerable<SecurityKey>? keys, ref int i)
    {
        if (keys is IReadOnlyList<SecurityKey> list)
        {
            for (var j = 0; j < list.Count; j++)
            {
                if (!IsNext(list[j], ref i))
                {
                    return false;
                }
            }

            return true;
        }

        foreach (var key in keys ?? [])
        {
            if (!IsNext(key, ref i))
            {
                return false;
            }
        }

        return true;
    }

    private bool IsNext(SecurityKey key, ref int i)
    {
        if (i == _keys.Length || !ReferenceEquals(key, _keys[i]))
        {
            return false;
        }

        i++;
        return true;
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

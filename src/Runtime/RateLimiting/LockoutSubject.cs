using System.Security.Cryptography;
using System.Text;
using SecureApi.Text;

namespace SecureApi.RateLimiting;

/// <summary>
/// What failures are counted against: a client (a policy's partition: the caller, or the address when anonymous) or an
/// account as submitted. Accounts are keyed by a hash of the submitted name, case-folded and normalised, never by a
/// lookup: an unknown account locks exactly as a known one does, and no account name is kept in memory or in Redis.
/// </summary>
internal readonly record struct LockoutSubject(string Kind, string Value)
{
    public static LockoutSubject Client(string partition) => new("client", partition);

    /// <summary>Null for an empty name: there is nothing to lock.</summary>
    public static LockoutSubject? Account(string? account)
    {
        var normalised = account is null ? null : CompatibilityFold.Apply(account.Trim()).ToUpperInvariant(); // NFKC also without ICU
        return string.IsNullOrEmpty(normalised)
            ? null
            : new LockoutSubject("account", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised))));
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SecureApi.Auditing;

/// <summary>
/// The chain's hash: SHA-256 over a canonical encoding of a record's fields, in a fixed order, ending with the previous
/// record's hash. Each field is written as its UTF-8 byte length, <c>:</c>, the bytes and <c>|</c>; a null is <c>-|</c>.
/// Length prefixes make the encoding unambiguous: no choice of values can make two different records encode alike.
/// </summary>
internal static class AuditHash
{
    /// <summary>The previous hash of the very first record.</summary>
    public static readonly string Genesis = new('0', 64);

    public static string Compute(AuditRecord record)
    {
        var encoding = new StringBuilder(256);
        Field(encoding, record.Sequence.ToString(CultureInfo.InvariantCulture));
        Field(encoding, record.Time);
        Field(encoding, record.Subject);
        Field(encoding, record.Actor);
        Field(encoding, record.ClientKind);
        Field(encoding, record.Resource);
        Field(encoding, record.Key);
        Field(encoding, record.Operation);
        Field(encoding, JoinMembers(record.ChangedMembers));
        Field(encoding, record.Outcome);
        Field(encoding, record.TraceId);
        Field(encoding, record.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(encoding.ToString())));
    }

    /// <summary>Member names as stored: comma-separated (JSON member names contain no comma), or null.</summary>
    public static string? JoinMembers(IReadOnlyList<string>? members) => members is null ? null : string.Join(',', members);

    public static IReadOnlyList<string>? SplitMembers(string? joined) => joined is null ? null : joined.Length == 0 ? [] : joined.Split(',');

    private static void Field(StringBuilder encoding, string? value)
    {
        if (value is null)
        {
            encoding.Append("-|");
            return;
        }

        encoding.Append(Encoding.UTF8.GetByteCount(value).ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append('|');
    }
}

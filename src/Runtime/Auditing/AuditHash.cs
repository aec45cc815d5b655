using System.Buffers;
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

    public static string Compute(AuditRecord record) => Compute(
        record.Sequence, record.Time, record.Subject, record.Actor, record.ClientKind, record.Resource, record.Key, record.Operation,
        JoinMembers(record.ChangedMembers), record.Outcome, record.TraceId, record.PreviousHash);

    /// <summary>The hash of a record given field by field (<paramref name="members"/> joined as stored): an append hashes without building one.</summary>
    public static string Compute(
        long sequence, string time, string subject, string? actor, string clientKind, string resource, string key, string operation,
        string? members, string outcome, string? traceId, string previousHash)
    {
        // Encoded straight into one pooled buffer and hashed into the stack: the same bytes as building the text and
        // encoding it whole (the sequence's digits are ASCII, so as chars they encode to the same bytes).
        Span<char> digits = stackalloc char[20];
        sequence.TryFormat(digits, out var digitCount, default, CultureInfo.InvariantCulture);
        var capacity = MaxFieldLength(digitCount) + MaxFieldLength(time) + MaxFieldLength(subject) + MaxFieldLength(actor) +
            MaxFieldLength(clientKind) + MaxFieldLength(resource) + MaxFieldLength(key) + MaxFieldLength(operation) +
            MaxFieldLength(members) + MaxFieldLength(outcome) + MaxFieldLength(traceId) + MaxFieldLength(previousHash);
        var buffer = ArrayPool<byte>.Shared.Rent(capacity);
        try
        {
            var written = Field(buffer, 0, digits[..digitCount]);
            written = Field(buffer, written, time);
            written = Field(buffer, written, subject);
            written = Field(buffer, written, actor);
            written = Field(buffer, written, clientKind);
            written = Field(buffer, written, resource);
            written = Field(buffer, written, key);
            written = Field(buffer, written, operation);
            written = Field(buffer, written, members);
            written = Field(buffer, written, outcome);
            written = Field(buffer, written, traceId);
            written = Field(buffer, written, previousHash);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer.AsSpan(0, written), hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Member names as stored: comma-separated (JSON member names contain no comma), or null.</summary>
    public static string? JoinMembers(IReadOnlyList<string>? members) => members is null ? null : string.Join(',', members);

    public static IReadOnlyList<string>? SplitMembers(string? joined) => joined is null ? null : joined.Length == 0 ? [] : joined.Split(',');

    /// <summary>The most a field can take: its bytes, up to 10 digits of length, ':' and '|' (or "-|").</summary>
    private static int MaxFieldLength(string? value) => value is null ? 2 : MaxFieldLength(value.Length);

    private static int MaxFieldLength(int chars) => Encoding.UTF8.GetMaxByteCount(chars) + 12;

    /// <summary>Writes <c>-|</c> for null, else the value as <see cref="Field(byte[], int, ReadOnlySpan{char})"/> does.</summary>
    private static int Field(byte[] buffer, int at, string? value)
    {
        if (value is null)
        {
            "-|"u8.CopyTo(buffer.AsSpan(at));
            return at + 2;
        }

        return Field(buffer, at, value.AsSpan());
    }

    /// <summary>The one field writer: <c>length:value|</c> at <paramref name="at"/>, the length in UTF-8 bytes; returns where it ends.</summary>
    private static int Field(byte[] buffer, int at, ReadOnlySpan<char> value)
    {
        Encoding.UTF8.GetByteCount(value).TryFormat(buffer.AsSpan(at), out var digits, default, CultureInfo.InvariantCulture);
        var start = at + digits;
        buffer[start++] = (byte)':';
        var end = start + Encoding.UTF8.GetBytes(value, buffer.AsSpan(start));
        buffer[end] = (byte)'|';
        return end + 1;
    }
}

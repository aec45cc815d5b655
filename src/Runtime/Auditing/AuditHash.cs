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

    public static string Compute(AuditRecord record)
    {
        // Encoded straight into one pooled buffer and hashed into the stack: the same bytes as building the text and
        // encoding it whole (digits, ':' and '|' are ASCII), without the builder, its string and the byte array.
        var members = JoinMembers(record.ChangedMembers);
        Span<byte> sequence = stackalloc byte[20];
        record.Sequence.TryFormat(sequence, out var sequenceLength, default, CultureInfo.InvariantCulture);
        var capacity = sequenceLength + 16 + MaxFieldLength(record.Time) + MaxFieldLength(record.Subject) + MaxFieldLength(record.Actor) +
            MaxFieldLength(record.ClientKind) + MaxFieldLength(record.Resource) + MaxFieldLength(record.Key) + MaxFieldLength(record.Operation) +
            MaxFieldLength(members) + MaxFieldLength(record.Outcome) + MaxFieldLength(record.TraceId) + MaxFieldLength(record.PreviousHash);
        var buffer = ArrayPool<byte>.Shared.Rent(capacity);
        try
        {
            var written = Field(buffer, 0, sequence[..sequenceLength]);
            written = Field(buffer, written, record.Time);
            written = Field(buffer, written, record.Subject);
            written = Field(buffer, written, record.Actor);
            written = Field(buffer, written, record.ClientKind);
            written = Field(buffer, written, record.Resource);
            written = Field(buffer, written, record.Key);
            written = Field(buffer, written, record.Operation);
            written = Field(buffer, written, members);
            written = Field(buffer, written, record.Outcome);
            written = Field(buffer, written, record.TraceId);
            written = Field(buffer, written, record.PreviousHash);
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
    private static int MaxFieldLength(string? value) => value is null ? 2 : Encoding.UTF8.GetMaxByteCount(value.Length) + 12;

    /// <summary>Writes <c>length:value|</c>, or <c>-|</c> for null, at <paramref name="at"/>; returns where it ends.</summary>
    private static int Field(byte[] buffer, int at, string? value)
    {
        if (value is null)
        {
            "-|"u8.CopyTo(buffer.AsSpan(at));
            return at + 2;
        }

        return Field(buffer, at, Encoding.UTF8.GetByteCount(value), value);
    }

    private static int Field(byte[] buffer, int at, ReadOnlySpan<byte> ascii)
    {
        var start = Prefix(buffer, at, ascii.Length);
        ascii.CopyTo(buffer.AsSpan(start));
        var end = start + ascii.Length;
        buffer[end] = (byte)'|';
        return end + 1;
    }

    private static int Field(byte[] buffer, int at, int byteCount, string value)
    {
        var start = Prefix(buffer, at, byteCount);
        var end = start + Encoding.UTF8.GetBytes(value, buffer.AsSpan(start));
        buffer[end] = (byte)'|';
        return end + 1;
    }

    /// <summary>Writes <c>length:</c>; returns where the value starts.</summary>
    private static int Prefix(byte[] buffer, int at, int length)
    {
        length.TryFormat(buffer.AsSpan(at), out var digits, default, CultureInfo.InvariantCulture);
        buffer[at + digits] = (byte)':';
        return at + digits + 1;
    }
}

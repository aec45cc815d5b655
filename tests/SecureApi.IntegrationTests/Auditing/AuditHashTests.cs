using SecureApi.Auditing;

namespace SecureApi.IntegrationTests.Auditing;

/// <summary>
/// The chain's hash is a stored format: records written by an earlier version must still verify. The expected value was
/// computed independently (Python's hashlib over the documented encoding, <c>length:value|</c> per field in UTF-8 and
/// <c>-|</c> for null), so a faster encoder that changes one byte fails here before it breaks deployed chains.
/// </summary>
public sealed class AuditHashTests
{
    [Fact]
    public void HashOfAKnownRecordIsUnchanged()
    {
        var record = new AuditRecord(
            42,
            "2026-11-28T08:00:00.1234567Z",
            "zoë 日本", // non-ASCII: byte lengths, not character counts
            null,
            "user",
            "items",
            "0193a1b2-0000-7000-8000-000000000001",
            "update",
            ["name", "quantity"],
            "succeeded",
            null,
            new string('0', 64),
            "");

        Assert.Equal("116c55456411c31e6afce134ddf579facd8c915f98c85702ff12802b9b8f37ae", AuditHash.Compute(record));
    }
}

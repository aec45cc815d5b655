using System.Globalization;

namespace SecureApi.Infrastructure;

/// <summary>
/// A value's culture-independent text: the one form a row's key (and a cursor's sort value) takes wherever it is stored
/// or compared (the audit trail, the quarantine, idempotency records, list cursors), so every writer and reader agrees.
/// </summary>
internal static class InvariantText
{
    public static string Of<T>(T value)
        where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);
}

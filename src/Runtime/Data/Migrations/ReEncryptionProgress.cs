using System.Collections.Concurrent;

namespace SecureApi.Data.Migrations;

/// <summary>
/// Which encrypted columns readers of this instance must expect plaintext in: those that became <c>[Encrypted]</c> with
/// rows in them and whose conversion had not finished when this instance started or ran it. A column stays on the list
/// until the instance restarts, even after its pass finishes: a read that fetched a row just before the last batch
/// committed must still be answered. Every other column is read strictly, as ciphertext only.
/// </summary>
internal sealed class ReEncryptionProgress
{
    private readonly ConcurrentDictionary<(string Table, string Column), bool> _plaintextPossible = new();

    public bool MayHoldPlaintext(string table, string column) => _plaintextPossible.ContainsKey((table, column));

    public void PlaintextPossible(string table, string column) => _plaintextPossible.TryAdd((table, column), true);
}

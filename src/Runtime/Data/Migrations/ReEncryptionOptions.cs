namespace SecureApi.Data.Migrations;

/// <summary>
/// The <c>SecureApi:Encryption:ReEncryption</c> section: the background job that brings every <c>[Encrypted]</c> value
/// to the active key (from plaintext, when a member became encrypted, or from an older key after a rotation).
/// </summary>
public sealed class ReEncryptionOptions
{
    /// <summary>Whether the job converts rows. Default true; false only leaves old values as they are (they stay readable).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Rows read and rewritten per transaction. Default 500 (1 to 10,000).</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>A pause after each batch, to leave the database to requests on a busy service. Default 0.</summary>
    public int PauseBetweenBatchesMilliseconds { get; set; }
}

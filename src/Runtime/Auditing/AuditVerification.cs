namespace SecureApi.Auditing;

/// <summary>
/// The result of walking the chain. <see cref="FirstBrokenSequence"/> names the first record whose hash, link or
/// sequence does not hold (null when valid). Publish <see cref="HeadHash"/> elsewhere to detect a rewrite of the whole chain.
/// </summary>
/// <param name="Valid">True when every record's hash and link hold.</param>
/// <param name="FirstBrokenSequence">The sequence of the first record that does not verify, or null.</param>
/// <param name="Records">How many records were checked.</param>
/// <param name="HeadSequence">The newest record's sequence (or the anchor's when empty); 0 for an empty trail.</param>
/// <param name="HeadHash">The newest record's hash, the value a later verification must still reach.</param>
public sealed record AuditVerification(bool Valid, long? FirstBrokenSequence, long Records, long HeadSequence, string HeadHash);

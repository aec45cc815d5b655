namespace SecureApi.Data.Migrations;

/// <summary>
/// Called between reading a batch and writing it. Nothing implements it in a service; tests register one to make a
/// user's write land in exactly that gap, the race the optimistic check exists for.
/// </summary>
internal interface IReEncryptionBatchObserver
{
    ValueTask BeforeWriteAsync(string table, string column, IReadOnlyList<Guid> keys, CancellationToken cancellationToken);
}

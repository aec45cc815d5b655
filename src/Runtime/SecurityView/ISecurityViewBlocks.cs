namespace SecureApi.SecurityView;

/// <summary>
/// Where the security view reads the blocks in force. Optional: registered by the blocks work; without one the page
/// says "not available".
/// </summary>
internal interface ISecurityViewBlocks
{
    ValueTask<IReadOnlyList<SecurityViewBlock>> ActiveAsync(CancellationToken cancellationToken);
}

using SecureApi.SecurityView;

namespace SecureApi.Monitoring;

/// <summary>
/// The security view's blocks panel: the block list's blocks in force. A block records how long it has left, not when
/// it began, so the view shows its end only.
/// </summary>
internal sealed class BlockListViewSource(IBlockList blocks, TimeProvider time) : ISecurityViewBlocks
{
    public async ValueTask<IReadOnlyList<SecurityViewBlock>> ActiveAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return [.. (await blocks.ListAsync(cancellationToken)).Select(b => new SecurityViewBlock(b.Kind + ":" + b.Value, b.Reason, null, now.AddSeconds(b.RemainingSeconds)))];
    }
}

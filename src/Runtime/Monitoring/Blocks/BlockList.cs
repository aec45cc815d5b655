using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SecureApi.Monitoring.Blocks;

/// <summary>
/// Blocks offenders and lifts blocks, raising a Blocked or Unblocked security event and appending an audit record for
/// each (a lift by the admin who lifted it; a placement by <c>(detector)</c>). A timer reports each block this instance made
/// as Unblocked when it expires. Feeds the active-blocks gauge.
/// </summary>
internal sealed class BlockList : IBlockList, IDisposable
{
    public const int ListLimit = 1000;

    /// <summary>The audit trail's resource name for blocks.</summary>
    public const string AuditResource = "secureapi_blocks";

    private readonly IBlockStore _store;
    private readonly IServiceProvider _services;
    private readonly ITimer _expirySweep;
    private SecurityEvents? _events;

    public BlockList(IBlockStore store, IServiceProvider services, SecureApiMetrics metrics, TimeProvider time)
    {
        _store = store;
        _services = services;
        metrics.ObserveActiveBlocks(() => store.Local.Count);
        _expirySweep = time.CreateTimer(static state => ((BlockList)state!).ReportExpired(), this, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    // Resolved at first use: the detectors (observers of SecurityEvents) reach this list, so taking it in the constructor would be a cycle.
    private SecurityEvents Events => _events ??= _services.GetRequiredService<SecurityEvents>();

    public ValueTask<TimeSpan?> BlockedForAsync(string kind, string value) => _store.BlockedForAsync(kind, value);

    /// <summary>Blocks <paramref name="kind"/>/<paramref name="value"/> now on this instance, and in Redis when shared.</summary>
    public Task BlockAsync(string kind, string value, string reason, TimeSpan duration, SecurityEvent? cause, HttpContext? context)
    {
        var stored = RecordAfterAsync(_store.AddAsync(kind, value, reason, duration), null, kind, value, Auditing.AuditOperations.BlockPlaced);
        var detail = string.Create(CultureInfo.InvariantCulture, $"{kind} {value} for {(long)duration.TotalSeconds}s by {reason}");
        if (cause is not null)
        {
            Events.ReportFollowing(cause, SecurityEventKind.Blocked, detail);
        }
        else if (context is not null)
        {
            Events.Report(context, SecurityEventKind.Blocked, detail);
        }
        else
        {
            Events.Report(SecurityEventKind.Blocked, detail);
        }

        return stored;
    }

    public ValueTask<IReadOnlyList<ActiveBlock>> ListAsync(CancellationToken cancellationToken = default) => _store.ListAsync(ListLimit);

    public async ValueTask<bool> LiftAsync(string kind, string value, Caller? liftedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(value);
        if (!Detection.BlockKinds.IsLiftable(kind) || !await _store.RemoveAsync(kind, value))
        {
            return false;
        }

        Events.Report(SecurityEventKind.Unblocked, string.Concat(kind, " ", value, " lifted"), endpoint: "BlockList.Lift", caller: liftedBy?.Subject ?? SecurityEvents.None);
        await RecordAsync(liftedBy, kind, value, Auditing.AuditOperations.BlockLifted, cancellationToken);
        return true;
    }

    /// <summary>Every block placed or lifted is an audit record (resource <c>secureapi_blocks</c>, key <c>{kind}:{value}</c>).</summary>
    private async Task RecordAfterAsync(ValueTask stored, Caller? caller, string kind, string value, string operation)
    {
        await stored;
        await RecordAsync(caller, kind, value, operation, CancellationToken.None);
    }

    private async Task RecordAsync(Caller? caller, string kind, string value, string operation, CancellationToken cancellationToken)
    {
        try
        {
            await _services.GetRequiredService<Auditing.AuditTrail>().RecordAsync(caller, Auditing.AuditTrail.DetectorSubject, AuditResource, kind + ":" + value, operation, cancellationToken);
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            // The block holds without its record: refusing an attacker must not depend on the database being up.
            BlockListLog.AuditFailed(_services.GetRequiredService<ILogger<BlockList>>(), exception, operation, kind);
        }
    }

    public void Dispose() => _expirySweep.Dispose();

    private void ReportExpired()
    {
        foreach (var (kind, value, reason) in _store.Local.TakeExpired())
        {
            Events.Report(SecurityEventKind.Unblocked, string.Concat(kind, " ", value, " expired (", reason, ")"), endpoint: "BlockList.Expiry");
        }
    }
}

using System.Data.Common;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Auditing;
using SecureApi.Data;
using SecureApi.Monitoring;

namespace SecureApi.Benchmarks.Stages;

/// <summary>
/// The hooks a request pays for when something security-relevant happens: raising a security event (logged — here
/// without a sink —, counted on the meter and handed to the observers, detectors included) and appending an audit record
/// inside a write's transaction on SQLite. <see cref="UpdateOnly"/> is the write the audit record rides with (a
/// one-row UPDATE and its commit), so AuditAppend less UpdateOnly is the hook's own cost.
/// </summary>
[MemoryDiagnoser]
public class SecurityHookBenchmarks
{
    private StageHost _host = null!;
    private SecurityEvents _events = null!;
    private AuditTrail _audit = null!;
    private SecureApiDatabase _database = null!;
    private DefaultHttpContext _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        _host = StageHost.StartAsync().GetAwaiter().GetResult();
        _events = _host.Services.GetRequiredService<SecurityEvents>();
        _audit = _host.Services.GetRequiredService<AuditTrail>();
        _database = _host.Services.GetRequiredService<SecureApiDatabase>();
        _request = new DefaultHttpContext { RequestServices = _host.Services };
        _request.Connection.RemoteIpAddress = System.Net.IPAddress.Loopback;
    }

    [GlobalCleanup]
    public void Cleanup() => _host.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public SecurityEvent SecurityEvent() => _events.Report(_request, SecurityEventKind.NotFoundOrNotYours, "items");

    [Benchmark(Baseline = true)]
    public Task UpdateOnly() => UpdateAsync(static (_, _) => ValueTask.CompletedTask);

    [Benchmark]
    public Task AuditAppend() => UpdateAsync((audit, transaction) =>
        audit.AppendAsync(transaction, StageHost.Alice, "items", _host.Item.Id.ToString(), AuditOperations.Update, ["quantity"], CancellationToken.None));

    private async Task UpdateAsync(Func<AuditTrail, DbTransaction, ValueTask> hook)
    {
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var update = connection.CreateCommand())
        {
            update.Transaction = transaction;
            update.CommandText = "UPDATE items SET quantity = (quantity + 1) % 1000"; // the one row, changed: a real write for the commit to sync
            await update.ExecuteNonQueryAsync();
        }
        await hook(_audit, transaction);
        await transaction.CommitAsync();
    }
}

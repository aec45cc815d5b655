namespace SecureApi.TestService;

/// <summary>
/// Holds requests to <c>/probe/slow</c> until the test releases them, and counts them from inside the endpoint: the
/// load-shedding tests saturate the service with it, without sleeping.
/// </summary>
public sealed class SlowGate
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];
    private int _entered;
    private int _inFlight;

    /// <summary>Requests inside the endpoint right now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    public void Release() => _release.TrySetResult();

    /// <summary>Completes once <paramref name="count"/> requests have entered the endpoint, ever.</summary>
    public Task Entered(int count)
    {
        lock (_lock)
        {
            if (_entered >= count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, signal));
            return signal.Task;
        }
    }

    public async Task PassAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            lock (_lock)
            {
                _entered++;
                foreach (var waiter in _waiters.Where(w => w.Count <= _entered))
                {
                    waiter.Signal.TrySetResult();
                }

                _waiters.RemoveAll(w => w.Count <= _entered);
            }

            await _release.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}

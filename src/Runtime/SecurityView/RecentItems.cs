namespace SecureApi.SecurityView;

/// <summary>The last <c>capacity</c> items added, in a fixed array: older ones are overwritten, never kept.</summary>
internal sealed class RecentItems<T>(int capacity)
    where T : class
{
    private readonly T?[] _items = new T?[capacity];
    private readonly Lock _gate = new();
    private long _added;

    public void Add(T item)
    {
        lock (_gate)
        {
            _items[_added % _items.Length] = item;
            _added++;
        }
    }

    /// <summary>Newest first.</summary>
    public IReadOnlyList<T> Snapshot()
    {
        lock (_gate)
        {
            var count = (int)Math.Min(_added, _items.Length);
            var items = new T[count];
            for (var i = 0; i < count; i++)
            {
                items[i] = _items[(_added - 1 - i) % _items.Length]!;
            }

            return items;
        }
    }
}

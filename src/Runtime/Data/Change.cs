namespace SecureApi.Data;

/// <summary>
/// One member of a generated store's <c>UpdateAsync</c>: <c>default</c> keeps the stored value, a value (converted
/// implicitly) sets it, <see langword="null"/> included when the member is nullable. The update is one statement.
/// </summary>
public readonly struct Change<T>
{
    public Change(T value)
    {
        Value = value;
        IsSet = true;
    }

    /// <summary>True when the member is to be written; false keeps what is stored.</summary>
    public bool IsSet { get; }

    /// <summary>The value to write; <c>default</c> when <see cref="IsSet"/> is false.</summary>
    public T Value { get; }

    public static implicit operator Change<T>(T value) => new(value);

    public override string ToString() => IsSet ? $"set {Value}" : "keep";
}

/// <summary>Builds a <see cref="Change{T}"/> with patch semantics.</summary>
public static class Change
{
    /// <summary>Sets <paramref name="value"/>, or keeps the stored value when it is null (a patch that left the member out).</summary>
    public static Change<T> UnlessNull<T>(T? value) => value is null ? default : new Change<T>(value);

    /// <summary>Sets the value of <paramref name="value"/>, or keeps the stored value when it has none.</summary>
    public static Change<T> UnlessNull<T>(T? value)
        where T : struct => value is { } set ? new Change<T>(set) : default;
}

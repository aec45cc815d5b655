using System.ComponentModel.DataAnnotations;

namespace SecureApi.TestService;

public enum WidgetKind
{
    Gear,
    Spring,
}

/// <summary>A request type that carries one member per validation rule.</summary>
public sealed record NewWidget(
    [Required, StringLength(40, MinimumLength = 2)] string Name,
    [Range(1, 1000)] int Quantity,
    WidgetKind Kind,
    [MaxLength(5)] IReadOnlyList<Part>? Parts = null)
{
    [RegularExpression("[A-Z]{3}-[0-9]{3}"), MaxLength(7)]
    public string? Code { get; init; }

    [EmailAddress, MaxLength(100)]
    public string? ContactEmail { get; init; }

    [AllowedValues("red", "green", "blue"), MaxLength(10)]
    public string? Color { get; init; }

    [DeniedValues("admin", "root"), MaxLength(20)]
    public string? Label { get; init; }

    [Length(1, 3)]
    public List<string>? Tags { get; init; }

    public Dimensions? Size { get; init; }

    [Range(0.5, 99.5)]
    public double? Weight { get; init; }
}

public sealed record Part([Required, MaxLength(20)] string Name, [Range(1, 10)] int Count);

public sealed class Dimensions
{
    [Range(1, 100)]
    public int Width { get; set; }

    [Range(1, 100)]
    public int Height { get; set; }
}

public sealed record Widget(Guid Id, string Owner, string Name, int Quantity, WidgetKind Kind, IReadOnlyList<Part> Parts, DateTimeOffset CreatedAt);

public sealed record RenameWidget([Required, MaxLength(40)] string Name);

public sealed record SmallBody([MaxLength(100)] string Text);

public sealed record LargeBody([MaxLength(2_000_000)] string Text);

/// <summary><c>(a+)+\1</c> has a backreference, which NonBacktracking refuses; on input like "aaa…a!" it backtracks exponentially.</summary>
public sealed record PatternBody([RegularExpression(@"(a+)+\1"), MaxLength(200)] string Value);

public sealed record HealthInfo(string Status, string Version);

public sealed record CallerInfo(string Subject, string? Tenant);

/// <summary>In-memory storage for the test endpoints.</summary>
public sealed class WidgetRepository
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, Widget> _widgets = new();

    public Widget Add(string owner, NewWidget request)
    {
        var widget = new Widget(Guid.CreateVersion7(), owner, request.Name, request.Quantity, request.Kind, request.Parts ?? [], DateTimeOffset.UtcNow);
        _widgets[widget.Id] = widget;
        return widget;
    }

    public Widget? Find(Guid id) => _widgets.GetValueOrDefault(id);

    public Widget[] List(WidgetKind? kind, int skip, int take) =>
        [.. _widgets.Values.Where(w => kind is null || w.Kind == kind).OrderBy(w => w.Id).Skip(skip).Take(take)];

    public bool Remove(Guid id) => _widgets.TryRemove(id, out _);

    public Widget? Rename(Guid id, string name) =>
        _widgets.TryGetValue(id, out var widget) ? _widgets[id] = widget with { Name = name } : null;
}

/// <summary>A recursive request type: the only way valid JSON can nest past the depth limit.</summary>
public sealed class TreeNode
{
    [MaxLength(10)]
    public string? Label { get; init; }

    public TreeNode? Child { get; init; }
}

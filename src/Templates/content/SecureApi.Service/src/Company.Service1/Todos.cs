using System.ComponentModel.DataAnnotations;
using SecureApi;

namespace Company.Service1;

/// <summary>A todo belongs to the caller who created it: no other caller can read, change or even detect it.</summary>
[Resource("todos")]
public sealed record Todo
{
    [Key]
    public Guid Id { get; init; }

    [Owner]
    public string OwnerId { get; init; } = "";

    [Sortable, Filterable, MaxLength(200)]
    public required string Title { get; init; }

    [Filterable]
    public bool IsDone { get; init; }

    [ServerSet, Sortable]
    public DateTimeOffset CreatedAt { get; init; }

    [ServerSet(OnUpdate = true)]
    public DateTimeOffset UpdatedAt { get; init; }

    [ConcurrencyCheck]
    public long Version { get; init; }
}

/// <summary>What a client may send to create or replace a todo; anything else in the body is refused (400).</summary>
public sealed record NewTodo(
    [Required, MaxLength(200)] string Title,
    bool IsDone = false);

/// <summary>A partial change: members left out (or null) keep their value.</summary>
public sealed record TodoPatch(
    [MaxLength(200)] string? Title = null,
    bool? IsDone = null);

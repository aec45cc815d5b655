using System.ComponentModel.DataAnnotations;
using SecureApi;

namespace NotesService;

/// <summary>A note belongs to one user: no other caller can read, change or even detect it.</summary>
[Resource("notes")]
public sealed record Note
{
    [Key]
    public Guid Id { get; init; }

    [Owner]
    public string OwnerId { get; init; } = "";

    [Sortable, Filterable, MaxLength(200)]
    public required string Title { get; init; }

    [MaxLength(10_000)]
    public required string Body { get; init; }

    /// <summary>Encrypted at rest; decrypted only for the owner.</summary>
    [Encrypted]
    public string? PrivateNote { get; init; }

    /// <summary>Kept for moderators; never written to a response.</summary>
    [Sensitive]
    public string? ModerationFlag { get; init; }

    [ServerSet, Sortable]
    public DateTimeOffset CreatedAt { get; init; }

    [ServerSet(OnUpdate = true)]
    public DateTimeOffset UpdatedAt { get; init; }

    [ConcurrencyCheck]
    public long Version { get; init; }
}

public sealed record NewNote(
    [Required, MaxLength(200)] string Title,
    [Required, MaxLength(10_000)] string Body,
    [MaxLength(2_000)] string? PrivateNote = null);

/// <summary>A partial change: members left out (or null) keep their value.</summary>
public sealed record NotePatch(
    [MaxLength(200)] string? Title = null,
    [MaxLength(10_000)] string? Body = null,
    [MaxLength(2_000)] string? PrivateNote = null);

public sealed record NoteSummary(Guid Id, string Title);

public sealed record ServiceInfo(string Name, string Version);

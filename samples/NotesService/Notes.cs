using System.ComponentModel;
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

    /// <summary>Quarantined when it matches a screening rule: stored as sent, listed for moderators at /admin/quarantine.</summary>
    [Sortable, Filterable, MaxLength(200), UntrustedText(UntrustedTextMode.Quarantine)]
    public required string Title { get; init; }

    /// <summary>
    /// Screened before it is stored (the assistant reads notes): a body that tries to instruct a model is refused (422).
    /// Encrypted at rest since schema version 2: the bodies stored before are encrypted by the re-encryption job.
    /// </summary>
    [MaxLength(10_000), UntrustedText, Encrypted]
    public required string? Body { get; init; }

    /// <summary>Encrypted at rest; decrypted only for the owner.</summary>
    [Encrypted]
    public string? PrivateNote { get; init; }

    /// <summary>Kept for moderators; never written to a response.</summary>
    [Sensitive]
    public string? ModerationFlag { get; init; }

    /// <summary>Pinned notes are kept at hand. New in schema version 2: the notes stored before are not pinned.</summary>
    [DefaultValue(false)]
    public bool Pinned { get; init; }

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
    [MaxLength(2_000)] string? PrivateNote = null,
    bool Pinned = false);

/// <summary>A partial change: members left out (or null) keep their value.</summary>
public sealed record NotePatch(
    [MaxLength(200)] string? Title = null,
    [MaxLength(10_000)] string? Body = null,
    [MaxLength(2_000)] string? PrivateNote = null,
    bool? Pinned = null);

public sealed record NoteSummary(Guid Id, string Title);

public sealed record ServiceInfo(string Name, string Version);

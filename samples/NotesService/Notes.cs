using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;

namespace NotesService;

public sealed record Note(Guid Id, string Title, string Body, IReadOnlyList<string> Tags, DateTimeOffset CreatedAt);

public sealed record NewNote(
    [Required, MaxLength(200)] string Title,
    [Required, MaxLength(10_000)] string Body,
    [MaxLength(10)] IReadOnlyList<string>? Tags = null);

public sealed record ServiceInfo(string Name, string Version);

/// <summary>Notes kept per owner in memory; nothing is reachable without the owner's subject.</summary>
public sealed class NoteBook
{
    private readonly ConcurrentDictionary<(string Owner, Guid Id), Note> _notes = new();

    public Note Add(string owner, NewNote request)
    {
        var note = new Note(Guid.CreateVersion7(), request.Title, request.Body, request.Tags ?? [], DateTimeOffset.UtcNow);
        _notes[(owner, note.Id)] = note;
        return note;
    }

    public Note? Find(string owner, Guid id) => _notes.GetValueOrDefault((owner, id));

    public Note[] List(string owner, int take) =>
        [.. _notes.Where(n => n.Key.Owner == owner).Select(n => n.Value).OrderByDescending(n => n.Id).Take(take)];

    public bool Remove(string owner, Guid id) => _notes.TryRemove((owner, id), out _);
}

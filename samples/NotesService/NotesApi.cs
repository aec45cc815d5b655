using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using SecureApi;

namespace NotesService;

/// <summary>Each caller's own notes: every operation is scoped to the caller's subject.</summary>
[Endpoints("/notes"), RateLimit("per-user")]
public sealed partial class NotesApi(NoteBook notes)
{
    [Post("")]
    public Created<Note> Create(NewNote body, Caller caller)
    {
        var note = notes.Add(caller.Subject, body);
        return TypedResults.Created($"/notes/{note.Id}", note);
    }

    [Get("/{id}")]
    public Note? Get(Guid id, Caller caller) => notes.Find(caller.Subject, id);

    [Get("")]
    public Note[] List(Caller caller, int take = 50) => notes.List(caller.Subject, Math.Clamp(take, 1, 100));

    [Delete("/{id}")]
    public bool Delete(Guid id, Caller caller) => notes.Remove(caller.Subject, id);
}

[Endpoints(""), AllowAnonymous]
public sealed partial class InfoApi
{
    [Get("/info")]
    public static ServiceInfo Info() => new("SecureApi notes sample", typeof(InfoApi).Assembly.GetName().Version?.ToString() ?? "0");
}

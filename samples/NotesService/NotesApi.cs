using Microsoft.AspNetCore.Authorization;
using SecureApi;
using SecureApi.Data;

namespace NotesService;

/// <summary>Each caller's own notes. The CRUD bodies are generated on the caller-scoped store.</summary>
[Endpoints("/notes"), RateLimit("per-user")]
public sealed partial class NotesApi(NoteStore notes)
{
    [Get("/{id}")]
    public partial Task<Note?> Get(Guid id);

    [Get("")]
    public partial Task<Page<Note>> List(PageRequest page);

    [Post("")]
    public partial Task<Note> Create(NewNote body);

    [Put("/{id}")]
    public partial Task<Note?> Replace(Guid id, NewNote body);

    [Patch("/{id}")]
    public partial Task<Note?> Patch(Guid id, NotePatch body);

    [Delete("/{id}")]
    public partial Task<bool> Delete(Guid id);

    /// <summary>Hand-written, and still scoped: the store only ever sees the caller's rows.</summary>
    [Get("/{id}/summary")]
    public async Task<NoteSummary?> Summary(Guid id, Caller caller, CancellationToken cancellationToken) =>
        await notes.FindAsync(caller, id, cancellationToken) is { } note ? new NoteSummary(note.Id, note.Title) : null;
}

/// <summary>Documents shared within the caller's tenant.</summary>
[Endpoints("/team-docs"), RateLimit("per-user")]
public sealed partial class TeamDocsApi
{
    [Get("/{id}")]
    public partial Task<TeamDoc?> Get(Guid id);

    [Get("")]
    public partial Task<Page<TeamDoc>> List(PageRequest page);

    [Post("")]
    public partial Task<TeamDoc> Create(NewTeamDoc body);

    [Put("/{id}")]
    public partial Task<TeamDoc?> Replace(Guid id, NewTeamDoc body);

    [Delete("/{id}")]
    public partial Task<bool> Delete(Guid id);
}

/// <summary>The only unscoped access to notes, and only for the admin role.</summary>
[Endpoints("/admin/notes"), RequireRole("admin")]
public sealed partial class NotesAdminApi(NoteAdminStore notes)
{
    [Get("")]
    public Task<Page<Note>> List(PageRequest page, CancellationToken cancellationToken) => notes.ListAsync(page, cancellationToken);

    [Delete("/{id}")]
    public Task<bool> Delete(Guid id, CancellationToken cancellationToken) => notes.DeleteAsync(id, cancellationToken);
}

/// <summary>Request counts per endpoint, from the <see cref="RequestStats"/> observer; admins only.</summary>
[Endpoints("/admin/stats"), RequireRole("admin")]
public sealed partial class StatsApi(RequestStats stats)
{
    [Get("")]
    public EndpointStats[] Get() => stats.Snapshot();
}

[Endpoints(""), AllowAnonymous]
public sealed partial class InfoApi
{
    [Get("/info")]
    public static ServiceInfo Info() => new("SecureApi notes sample", typeof(InfoApi).Assembly.GetName().Version?.ToString() ?? "0");
}

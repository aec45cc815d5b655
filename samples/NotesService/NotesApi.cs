using Microsoft.AspNetCore.Authorization;
using SecureApi;
using SecureApi.Data;

namespace NotesService;

/// <summary>
/// Each caller's own notes. The CRUD bodies are generated on the caller-scoped store. Notes belong to people: a person
/// or an agent acting for one may call, a service may not; reading needs <c>notes:read</c>, changing <c>notes:write</c>.
/// </summary>
[Endpoints("/notes"), RateLimit("per-user"), RequireClientKind(ClientKind.User, ClientKind.Agent)]
public sealed partial class NotesApi(NoteStore notes)
{
    [Get("/{id}"), RequireScope(Scopes.NotesRead)]
    public partial Task<Note?> Get(Guid id);

    [Get(""), RequireScope(Scopes.NotesRead)]
    public partial Task<Page<Note>> List(PageRequest page);

    [Post(""), RequireScope(Scopes.NotesWrite)]
    public partial Task<Note> Create(NewNote body);

    [Put("/{id}"), RequireScope(Scopes.NotesWrite)]
    public partial Task<Note?> Replace(Guid id, NewNote body);

    [Patch("/{id}"), RequireScope(Scopes.NotesWrite)]
    public partial Task<Note?> Patch(Guid id, NotePatch body);

    /// <summary>Deleting cannot be undone: the person themself, never an agent acting for them.</summary>
    [Delete("/{id}"), RequireScope(Scopes.NotesWrite), RequireClientKind(ClientKind.User)]
    public partial Task<bool> Delete(Guid id);

    /// <summary>Hand-written, and still scoped: the store only ever sees the caller's rows.</summary>
    [Get("/{id}/summary"), RequireScope(Scopes.NotesRead)]
    public async Task<NoteSummary?> Summary(Guid id, Caller caller, CancellationToken cancellationToken) =>
        await notes.FindAsync(caller, id, cancellationToken) is { } note ? new NoteSummary(note.Id, note.Title) : null;
}

/// <summary>
/// Documents shared within the caller's tenant: people, agents and the tenant's services (an importer, say) read them
/// with <c>docs:read</c> and write them with <c>docs:write</c>; only a person deletes one.
/// </summary>
[Endpoints("/team-docs"), RateLimit("per-user")]
public sealed partial class TeamDocsApi
{
    [Get("/{id}"), RequireScope(Scopes.DocsRead)]
    public partial Task<TeamDoc?> Get(Guid id);

    [Get(""), RequireScope(Scopes.DocsRead)]
    public partial Task<Page<TeamDoc>> List(PageRequest page);

    [Post(""), RequireScope(Scopes.DocsWrite)]
    public partial Task<TeamDoc> Create(NewTeamDoc body);

    [Put("/{id}"), RequireScope(Scopes.DocsWrite)]
    public partial Task<TeamDoc?> Replace(Guid id, NewTeamDoc body);

    [Delete("/{id}"), RequireScope(Scopes.DocsWrite), RequireClientKind(ClientKind.User)]
    public partial Task<bool> Delete(Guid id);
}

/// <summary>The only unscoped access to notes: the admin role, held by a person (not a service or an agent).</summary>
[Endpoints("/admin/notes"), RequireRole("admin"), RequireClientKind(ClientKind.User)]
public sealed partial class NotesAdminApi(NoteAdminStore notes)
{
    [Get("")]
    public Task<Page<Note>> List(PageRequest page, CancellationToken cancellationToken) => notes.ListAsync(page, cancellationToken);

    [Delete("/{id}")]
    public Task<bool> Delete(Guid id, CancellationToken cancellationToken) => notes.DeleteAsync(id, cancellationToken);
}

/// <summary>Request counts per endpoint, from the <see cref="RequestStats"/> observer, for a monitoring service only (<c>stats:read</c>).</summary>
[Endpoints("/admin/stats"), RequireClientKind(ClientKind.Service), RequireScope(Scopes.StatsRead)]
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

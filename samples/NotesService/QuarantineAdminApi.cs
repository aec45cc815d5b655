using SecureApi;
using SecureApi.AiGuards.Screening;

namespace NotesService;

/// <summary>
/// Text held in quarantine: note titles and team-doc contents that matched an untrusted-text rule were stored as sent and
/// recorded here (which row, which member, which rules; never the text). Moderators (the admin role, a person:
/// <c>SecureApi:UntrustedText:ModeratorRole</c>) review and release them; until then a team doc's quarantined content
/// reads as null to everyone but its author and moderators, and code that builds prompts asks
/// <see cref="UntrustedTextQuarantine.IsQuarantinedAsync"/> and leaves such rows out.
/// </summary>
[Endpoints("/admin/quarantine"), RequireRole("admin"), RequireClientKind(ClientKind.User)]
public sealed partial class QuarantineAdminApi(UntrustedTextQuarantine quarantine)
{
    /// <summary>The newest records first; <c>?resource=notes</c> for one table, <c>?limit=</c> 1–500.</summary>
    [Get("")]
    public Task<IReadOnlyList<QuarantinedText>> List(string? resource, int? limit, CancellationToken cancellationToken) =>
        quarantine.ListAsync(resource, limit ?? 100, cancellationToken);

    /// <summary>Releases row <paramref name="key"/> of <paramref name="resource"/> after review: 204, or 404 when it was not in quarantine.</summary>
    [Delete("/{resource}/{key}")]
    public Task<bool> Release(string resource, string key, CancellationToken cancellationToken) =>
        quarantine.ReleaseAsync(resource, key, cancellationToken);
}

using System.ComponentModel.DataAnnotations;
using SecureApi;

namespace NotesService;

/// <summary>A document shared by everyone in one tenant, invisible to every other tenant.</summary>
[Resource("team_docs")]
public sealed record TeamDoc
{
    [Key]
    public Guid Id { get; init; }

    [Tenant]
    public string TenantId { get; init; } = "";

    /// <summary>Called <c>Name</c> (column <c>name</c>) before schema version 2; the column was renamed with its values.</summary>
    [Sortable, Filterable, MaxLength(200), RenamedFrom("name")]
    public required string Title { get; init; }

    /// <summary>
    /// Free text anyone in the tenant may write, so it may carry another person's data: e-mail addresses, card numbers
    /// and secrets in it are redacted on the way out. Text that matches a screening rule is stored but quarantined: its
    /// author and moderators read it, every other member of the tenant gets null (and <c>quarantined: ["content"]</c>)
    /// until a moderator releases it at <c>DELETE /admin/quarantine/team_docs/{id}</c>.
    /// </summary>
    [MaxLength(20_000), FilterOutput, UntrustedText(UntrustedTextMode.Quarantine)]
    public required string Content { get; init; }

    [ServerSet]
    public DateTimeOffset CreatedAt { get; init; }

    [ConcurrencyCheck]
    public long Version { get; init; }
}

public sealed record NewTeamDoc([Required, MaxLength(200)] string Title, [Required, MaxLength(20_000)] string Content);

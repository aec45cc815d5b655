using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using SecureApi;
using SecureApi.Authentication;

namespace NotesService;

/// <summary>
/// Mint, list and revoke the service's stored API keys; admins only, and only people: a leaked service or agent credential
/// must not be able to mint itself more. Key minting is sensitive: the strict <c>sensitive</c> policy (10 a minute per
/// admin) limits how fast even a stolen admin credential can mint. The minted key is in the 201 response and nowhere else, ever: lists and reads
/// show everything but the key and its hash.
/// </summary>
[Endpoints("/admin/keys"), RequireRole("admin"), RequireClientKind(ClientKind.User), RateLimit("sensitive")]
public sealed partial class ApiKeysAdminApi(ApiKeys keys)
{
    [Post("")]
    public async Task<Created<MintedApiKey>> Create(NewApiKey body, CancellationToken cancellationToken)
    {
        var minted = await keys.CreateAsync(body.ToRequest(), cancellationToken);
        return TypedResults.Created("/admin/keys/" + minted.Info.Id, minted);
    }

    [Get("")]
    public Task<IReadOnlyList<ApiKeyInfo>> List(string? subject, CancellationToken cancellationToken) => keys.ListAsync(subject, cancellationToken);

    [Get("/{id}")]
    public Task<ApiKeyInfo?> Get(string id, CancellationToken cancellationToken) => keys.FindAsync(id, cancellationToken);

    /// <summary>204 when revoked (or already revoked), 404 for no such key. The next request with the key is refused.</summary>
    [Delete("/{id}")]
    public Task<bool> Revoke(string id, CancellationToken cancellationToken) => keys.RevokeAsync(id, cancellationToken);
}

/// <summary>
/// A mint request; <c>kind</c> defaults to <c>service</c>; <c>tier</c> (e.g. <c>free</c>, <c>premium</c>: appsettings.json's
/// <c>SecureApi:RateLimiting:Tiers</c>) sizes the key's rate limits. Roles and scopes are space-separated, as OAuth writes scopes; each name is 1–100 visible ASCII
/// characters without quote or backslash (OAuth's scope-token characters).
/// </summary>
public sealed record NewApiKey(
    [Required, MaxLength(200), RegularExpression(NewApiKey.Text)] string Subject,
    [MaxLength(200), RegularExpression(NewApiKey.Text)] string? Tenant,
    [MaxLength(2000), RegularExpression(NewApiKey.Names)] string? Roles,
    [MaxLength(2000), RegularExpression(NewApiKey.Names)] string? Scopes,
    ClientKind? Kind,
    [MaxLength(50), RegularExpression("^[A-Za-z0-9_-]+$")] string? Tier,
    [MaxLength(200), RegularExpression(NewApiKey.Text)] string? Name,
    [Range(1, 365)] int? LifetimeDays)
{
    /// <summary>No control characters, no surrounding spaces.</summary>
    private const string Text = @"^[^\p{Cc}\s]([^\p{Cc}]*[^\p{Cc}\s])?$";

    private const string Token = @"[\x21\x23-\x5B\x5D-\x7E]{1,100}";
    private const string Names = "^" + Token + "( " + Token + "){0,49}$";

    public ApiKeyRequest ToRequest() => new()
    {
        Subject = Subject,
        Tenant = Tenant,
        Roles = Split(Roles),
        Scopes = Split(Scopes),
        Kind = Kind ?? ClientKind.Service,
        Tier = Tier,
        Name = Name,
        Lifetime = LifetimeDays is { } days ? TimeSpan.FromDays(days) : null,
    };

    private static string[] Split(string? names) => names?.Split(' ') ?? [];
}

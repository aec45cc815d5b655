using SecureApi;
using SecureApi.Monitoring;

namespace NotesService;

/// <summary>
/// The blocks the detectors put in force (credential stuffing and enumeration block by default): admins list them and
/// lift one; only people, as for API keys, so a leaked service credential cannot unblock its own attack.
/// </summary>
[Endpoints("/admin/blocks"), RequireRole("admin"), RequireClientKind(ClientKind.User)]
public sealed partial class BlocksAdminApi(IBlockList blocks)
{
    /// <summary>The blocks in force (kind, value, the detector that blocked, seconds left), soonest to expire first.</summary>
    [Get("")]
    public ValueTask<IReadOnlyList<ActiveBlock>> List(CancellationToken cancellationToken) => blocks.ListAsync(cancellationToken);

    /// <summary>Lifts the block on <c>ip</c> or <c>caller</c> <paramref name="value"/>: 204, or 404 when none was in force.</summary>
    [Delete("/{kind}/{value}")]
    public ValueTask<bool> Lift(string kind, string value, Caller caller, CancellationToken cancellationToken) =>
        blocks.LiftAsync(kind, value, caller, cancellationToken);
}

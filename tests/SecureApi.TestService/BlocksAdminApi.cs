using SecureApi.Monitoring;

namespace SecureApi.TestService;

/// <summary>The blocks in force, listed and lifted by admin people only (as the sample's <c>/admin/blocks</c>).</summary>
[Endpoints("/admin/blocks"), RequireRole("admin"), RequireClientKind(ClientKind.User)]
public sealed partial class BlocksAdminApi(IBlockList blocks)
{
    [Get("")]
    public ValueTask<IReadOnlyList<ActiveBlock>> List(CancellationToken cancellationToken) => blocks.ListAsync(cancellationToken);

    /// <summary>204 when lifted, 404 when no such block was in force.</summary>
    [Delete("/{kind}/{value}")]
    public ValueTask<bool> Lift(string kind, string value, Caller caller, CancellationToken cancellationToken) =>
        blocks.LiftAsync(kind, value, caller, cancellationToken);
}

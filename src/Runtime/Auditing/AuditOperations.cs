namespace SecureApi.Auditing;

/// <summary>The operations an audit record names (<see cref="AuditRecord.Operation"/>).</summary>
public static class AuditOperations
{
    /// <summary>A generated store created a row.</summary>
    public const string Create = "create";

    /// <summary>A generated store updated a row (PUT or PATCH); <see cref="AuditRecord.ChangedMembers"/> names what the request set.</summary>
    public const string Update = "update";

    /// <summary>A generated store (the caller's or the admin one) deleted a row.</summary>
    public const string Delete = "delete";

    /// <summary>A stored API key was minted.</summary>
    public const string KeyMinted = "key-minted";

    /// <summary>A stored API key was revoked.</summary>
    public const string KeyRevoked = "key-revoked";

    /// <summary>A block was placed on an IP, caller or key.</summary>
    public const string BlockPlaced = "block-placed";

    /// <summary>A block was lifted.</summary>
    public const string BlockLifted = "block-lifted";
}

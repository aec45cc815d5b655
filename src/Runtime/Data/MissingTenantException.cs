namespace SecureApi.Data;

/// <summary>A tenant-scoped resource was used by a caller without a tenant claim: answered with 403.</summary>
public sealed class MissingTenantException() : Exception("The caller has no tenant claim, which this resource requires.");

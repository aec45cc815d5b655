namespace SecureApi.Data;

/// <summary>A write carried a version that is no longer current: answered with 412 Precondition Failed.</summary>
public sealed class ConcurrencyConflictException() : Exception("The resource was changed by someone else; read it again and retry.");

/// <summary>An update arrived without <c>If-Match</c>: answered with 428 Precondition Required.</summary>
public sealed class PreconditionRequiredException() : Exception("Send If-Match with the ETag of the version you read.");

/// <summary>A list request named a sort or filter member that is not allowed, or a malformed cursor: answered with 400.</summary>
public sealed class InvalidListRequestException(string parameter, string message) : Exception(message)
{
    public string Parameter { get; } = parameter;
}

/// <summary>A cursor that was not issued to this caller for this list: answered with 404, as for anything not theirs.</summary>
public sealed class ForeignCursorException() : Exception("The cursor does not belong to this list.");

/// <summary>A tenant-scoped resource was used by a caller without a tenant claim: answered with 403.</summary>
public sealed class MissingTenantException() : Exception("The caller has no tenant claim, which this resource requires.");

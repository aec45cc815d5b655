namespace SecureApi.Data;

/// <summary>An update arrived without <c>If-Match</c>: answered with 428 Precondition Required.</summary>
public sealed class PreconditionRequiredException() : Exception("Send If-Match with the ETag of the version you read.");

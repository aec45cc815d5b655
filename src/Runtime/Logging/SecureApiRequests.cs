
namespace SecureApi.Logging;

/// <summary>The log category of SecureApi's request events: <c>SecureApi.Logging.SecureApiRequests</c>.</summary>
public sealed class SecureApiRequests;

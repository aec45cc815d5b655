namespace SecureApi.Data;

/// <summary>A list request named a sort or filter member that is not allowed, or a malformed cursor: answered with 400.</summary>
public sealed class InvalidListRequestException(string parameter, string message) : Exception(message)
{
    public string Parameter { get; } = parameter;
}

namespace SecureApi.Monitoring.Detection;

/// <summary>What a block (and a detection's offender) names: a client address or a caller's subject.</summary>
internal static class BlockKinds
{
    public const string Ip = "ip";
    public const string Caller = "caller";
    public const string Endpoint = "endpoint";

    public static bool IsBlockable(string kind) => kind is Ip or Caller;
}

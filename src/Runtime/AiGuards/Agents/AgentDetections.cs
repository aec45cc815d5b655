using SecureApi.Monitoring.Detection;

namespace SecureApi.AiGuards;

/// <summary>A detection of an agent detector, with the response its settings ask for.</summary>
internal static class AgentDetections
{
    public static Detection Of(string detector, string agent, int count, AgentDetectorOptions options, TimeSpan throttleFor) => new(
        detector,
        BlockKinds.Agent,
        agent,
        count,
        options.Threshold,
        options.Window,
        options.Response == DetectorResponse.Block ? options.BlockDuration : null,
        options.Response == DetectorResponse.Throttle ? throttleFor : null);
}

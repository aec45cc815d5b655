namespace SecureApi.AiGuards.OutputFiltering.Detectors;

/// <summary>One finding: its kind and where it is (<see cref="Start"/> inclusive, <see cref="End"/> exclusive).</summary>
internal readonly record struct OutputMatch(string Kind, int Start, int End)
{
    public int Length => End - Start;
}

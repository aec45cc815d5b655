using SecureApi.AiGuards.OutputFiltering;

namespace SecureApi.IntegrationTests.OutputFiltering;

/// <summary>Filters made directly (no host): the default policy, or one with chosen actions.</summary>
internal static class TestFilters
{
    public static OutputFilter Redacting { get; } = new(new OutputPolicy(new OutputFilterOptions()), reporter: null);

    public static OutputFilter With(OutputFilterAction defaultAction, params (string Kind, OutputFilterAction Action)[] kinds)
    {
        var options = new OutputFilterOptions { DefaultAction = defaultAction };
        foreach (var (kind, action) in kinds)
        {
            options.Kinds[kind] = action;
        }

        return new OutputFilter(new OutputPolicy(options), reporter: null);
    }

    /// <summary>Streams <paramref name="text"/> through a new stream filter cut at <paramref name="cuts"/> (ascending offsets).</summary>
    public static string Stream(IOutputFilter filter, string text, IEnumerable<int> cuts)
    {
        var stream = filter.CreateStream();
        var output = new System.Text.StringBuilder();
        var from = 0;
        foreach (var cut in cuts)
        {
            output.Append(stream.Write(text[from..cut]));
            from = cut;
        }

        output.Append(stream.Write(text[from..]));
        output.Append(stream.Complete());
        return output.ToString();
    }
}

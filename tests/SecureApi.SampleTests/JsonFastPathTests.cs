namespace SecureApi.SampleTests;

/// <summary>
/// The sample's generated JSON context writes its responses through fast-path writers (pre-encoded names, no metadata
/// walk) that write exactly what its metadata writes, and System.Text.Json takes them on SecureApi's strict options (the
/// ones the generated handlers write with). No database: the context is read from the sample's assembly.
/// </summary>
public sealed class JsonFastPathTests
{
    private static readonly Type s_context = typeof(Program).Assembly.GetType("SecureApi.Generated.SecureApiJsonContext", throwOnError: true)!;

    [Fact]
    public void EveryHandlerWritesTheBytesTheMetadataWrites()
    {
        var differences = JsonFastPathCheck.Differences(s_context);

        Assert.True(differences.Count == 0, "The fast path and the metadata disagree:\n" + string.Join("\n", differences));
    }

    [Fact]
    public void TheStrictOptionsWriteANoteThroughItsHandler()
    {
        var note = JsonFastPathCheck.Default(s_context).GetTypeInfo(typeof(NotesService.Note))!;

        Assert.True(JsonFastPathCheck.UsesHandler(note));
    }
}

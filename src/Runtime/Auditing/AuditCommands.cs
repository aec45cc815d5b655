namespace SecureApi.Auditing;

/// <summary>
/// <c>audit verify|prune</c>: the service's own commands for its audit trail, run against the configured database.
/// <c>verify</c> prints the result and exits 0 when the chain holds, 1 naming the first broken record when not.
/// </summary>
internal static class AuditCommands
{
    public const string Usage = """
        Usage:
          audit verify
          audit prune
        """;

    public static async Task<int> RunAsync(AuditTrail trail, IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        switch (args)
        {
            case ["verify"]:
                var result = await trail.VerifyAsync(cancellationToken);
                if (result.Valid)
                {
                    await output.WriteLineAsync($"valid: {result.Records} records, head {result.HeadSequence} {result.HeadHash}");
                    return 0;
                }

                await output.WriteLineAsync($"broken: first broken sequence {result.FirstBrokenSequence} ({result.Records} records checked)");
                return 1;
            case ["prune"]:
                var removed = await trail.PruneAsync(cancellationToken);
                await output.WriteLineAsync($"pruned {removed} records");
                return 0;
            default:
                await error.WriteLineAsync(Usage);
                return 2;
        }
    }
}

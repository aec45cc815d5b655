namespace SecureApi.Data.Migrations;

/// <summary>
/// <c>schema</c>: writes or checks the checked-in schema snapshot (<c>secureapi.schema.json</c>, a lock file of every
/// resource's table and columns). The generator builds the snapshot's text into the service, version bumped when the
/// declared schema differs from the snapshot it compiled against, so this needs no database, configuration or secret.
/// </summary>
internal static class SchemaSnapshotCommand
{
    public const string FileName = "secureapi.schema.json";

    public const string Usage = """
        Usage:
          schema                    Prints the schema snapshot of the declared resources.
          schema --output <path>    Writes it to <path> (secureapi.schema.json in the project folder); unchanged text is not rewritten.
          schema --check <path>     Exits 1 when <path> is missing or differs from the declared schema (for CI).
          schema --sql              Prints the DDL for the configured database engine.
        """;

    /// <summary>Runs the command; null when it is <c>schema --sql</c>, which needs the database and is run by the caller.</summary>
    public static async Task<int?> RunAsync(string? snapshotJson, IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (args is ["--sql"])
        {
            return null;
        }

        if (args is not ([] or ["--output", _] or ["--check", _]))
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        if (snapshotJson is null)
        {
            await error.WriteLineAsync("This service declares no [Resource], so it has no schema to snapshot (or the SecureApi generator did not run on its project).");
            return 1;
        }

        switch (args)
        {
            case ["--output", var path]:
                return await WriteAsync(snapshotJson, Path.GetFullPath(path), error, cancellationToken);
            case ["--check", var path]:
                return await CheckAsync(snapshotJson, Path.GetFullPath(path), error, cancellationToken);
            default:
                await output.WriteAsync(snapshotJson);
                return 0;
        }
    }

    private static async Task<int> WriteAsync(string snapshotJson, string path, TextWriter error, CancellationToken cancellationToken)
    {
        // Rewriting identical text would touch the file's time stamp and make the next build compile again for nothing.
        if (File.Exists(path) && Normalize(await File.ReadAllTextAsync(path, cancellationToken)) == Normalize(snapshotJson))
        {
            await error.WriteLineAsync($"{path} is up to date (version {VersionOf(snapshotJson)}).");
            return 0;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, snapshotJson, cancellationToken);
        await error.WriteLineAsync($"{path} written (version {VersionOf(snapshotJson)}): review and commit it with the change.");
        return 0;
    }

    private static async Task<int> CheckAsync(string snapshotJson, string path, TextWriter error, CancellationToken cancellationToken)
    {
        var update = $"update it with `dotnet run -- schema --output {FileName}` (or a local build with <SecureApiSchemaSnapshot>true</SecureApiSchemaSnapshot>) and commit it";
        if (!File.Exists(path))
        {
            await error.WriteLineAsync($"{path} is missing: {update}.");
            return 1;
        }

        var found = Normalize(await File.ReadAllTextAsync(path, cancellationToken)).Split('\n');
        var expected = Normalize(snapshotJson).Split('\n');
        var line = 0;
        while (line < found.Length && line < expected.Length && found[line] == expected[line])
        {
            line++;
        }

        if (line == found.Length && line == expected.Length)
        {
            return 0;
        }

        var foundLine = line < found.Length ? found[line].Trim() : "(end of file)";
        var expectedLine = line < expected.Length ? expected[line].Trim() : "(end of file)";
        await error.WriteLineAsync(
            $"{path} is out of date: the declared schema is version {VersionOf(snapshotJson)}; line {line + 1} reads {foundLine} where the declared schema has {expectedLine}. " +
            $"The snapshot is not updated in CI: {update}.");
        return 1;
    }

    /// <summary>The snapshot's <c>"version": N</c>, for messages (the generator writes it on the second line).</summary>
    private static string VersionOf(string snapshotJson)
    {
        const string Marker = "\"version\": ";
        var start = snapshotJson.IndexOf(Marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return "?";
        }

        start += Marker.Length;
        var end = start;
        while (end < snapshotJson.Length && char.IsAsciiDigit(snapshotJson[end]))
        {
            end++;
        }

        return snapshotJson[start..end];
    }

    /// <summary>A checkout with CRLF line endings holds the same snapshot.</summary>
    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');
}

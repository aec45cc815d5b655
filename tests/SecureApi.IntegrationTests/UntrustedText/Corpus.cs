namespace SecureApi.IntegrationTests.UntrustedText;

/// <summary>
/// Reads tests/corpora/untrusted-text: items separated by a line <c>%%</c>; in split-fields.txt, an item's fields by a
/// line <c>||</c>. Each item is named by its file and position, so a failure says which one.
/// </summary>
internal static class Corpus
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "corpora", "untrusted-text");

    /// <summary>Every item of the set (<c>injection</c> or <c>ordinary</c>), each as its fields (one field but in split-fields.txt).</summary>
    public static IReadOnlyList<(string Name, string[] Fields)> Items(string set) =>
    [
        .. Directory.GetFiles(Path.Combine(Root, set), "*.txt").Order(StringComparer.Ordinal).SelectMany(file =>
            File.ReadAllText(file).ReplaceLineEndings("\n").TrimEnd('\n').Split("\n%%\n").Select((item, index) =>
                ($"{set}/{Path.GetFileName(file)}#{index + 1}", item.Split("\n||\n")))),
    ];

    /// <summary>Every item of one file (its path under the corpora's root), in order.</summary>
    public static IReadOnlyList<string> ItemsOf(string path) =>
        File.ReadAllText(Path.Combine(Root, path)).ReplaceLineEndings("\n").TrimEnd('\n').Split("\n%%\n");
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace SecureApi.Inventory;

/// <summary>
/// <c>inventory</c>: writes the security inventory the generator built into the service (no database, cache or secret
/// is touched), as JSON, HTML or Markdown; <c>inventory diff</c> compares two inventories and exits 1 when the head
/// weakens security, so CI can stop the change.
/// </summary>
internal static class InventoryCommands
{
    public const string JsonFile = "security-inventory.json";
    public const string HtmlFile = "security-inventory.html";
    public const string MarkdownFile = "security-inventory.md";

    public const string Usage = """
        Usage:
          inventory [--format json|html|markdown|all] [--output <path>]
              Writes this service's security inventory (standard output when no path is given). With --format all,
              <path> is a directory that receives security-inventory.json, .html and .md.
          inventory diff <base.json> <head.json> [--format text|markdown] [--output <path>]
              Lists what changed, security-weakening changes first; exits 1 when there is one, 0 when not.
        """;

    /// <param name="environment">The environment the service runs in, and the routes SecureApi maps there itself.</param>
    public static Task<int> RunAsync(string? generatedJson, (string Name, IReadOnlyList<InventoryFrameworkEndpoint> Endpoints) environment, IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        RunAsync(generatedJson, environment, outputPolicy: null, args, output, error, cancellationToken);

    /// <param name="outputPolicy">The output firewall's action per kind in that environment's configuration.</param>
    public static async Task<int> RunAsync(string? generatedJson, (string Name, IReadOnlyList<InventoryFrameworkEndpoint> Endpoints) environment, IReadOnlyList<InventoryOutputKind>? outputPolicy, IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (args is ["diff", ..])
        {
            return await DiffAsync([.. args.Skip(1)], output, error, cancellationToken);
        }

        if (!TryOptions(args, ["json", "html", "markdown", "all"], "json", out var format, out var path, out var rest) || rest.Count > 0)
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        if (generatedJson is null)
        {
            await error.WriteLineAsync("This service has no generated inventory: the SecureApi generator did not run on its project.");
            return 1;
        }

        var inventoryJson = WithFrameworkEndpoints(generatedJson, environment.Name, environment.Endpoints, outputPolicy);

        var inventory = Parse(inventoryJson);
        if (format == "all")
        {
            if (path is null)
            {
                await error.WriteLineAsync("--format all writes three files: give the directory with --output.");
                return 2;
            }

            Directory.CreateDirectory(path);
            await File.WriteAllTextAsync(Path.Combine(path, JsonFile), inventoryJson, cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(path, HtmlFile), InventoryHtml.Render(inventory), cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(path, MarkdownFile), InventoryMarkdown.Render(inventory), cancellationToken);
            await error.WriteLineAsync($"Security inventory written to {Path.GetFullPath(path)} ({JsonFile}, {HtmlFile}, {MarkdownFile}).");
            return 0;
        }

        var text = format switch
        {
            "html" => InventoryHtml.Render(inventory),
            "markdown" => InventoryMarkdown.Render(inventory),
            _ => inventoryJson,
        };
        await WriteAsync(text, path, output, cancellationToken);
        return 0;
    }

    /// <summary>
    /// The generated inventory with the environment and the framework's own routes added: the generator's members are
    /// kept as it wrote them, since only the running service knows its configuration.
    /// </summary>
    public static string WithFrameworkEndpoints(string generatedJson, string environment, IReadOnlyList<InventoryFrameworkEndpoint> endpoints, IReadOnlyList<InventoryOutputKind>? outputPolicy = null)
    {
        var inventory = JsonNode.Parse(generatedJson)?.AsObject() ?? throw new InvalidDataException("The inventory is empty.");
        inventory["environment"] = environment;
        inventory["frameworkEndpoints"] = JsonSerializer.SerializeToNode(endpoints, SecurityInventoryJsonContext.Default.IReadOnlyListInventoryFrameworkEndpoint);
        if (outputPolicy is not null)
        {
            inventory["outputFilterPolicy"] = JsonSerializer.SerializeToNode(outputPolicy, SecurityInventoryJsonContext.Default.IReadOnlyListInventoryOutputKind);
        }

        return inventory.ToJsonString(SecurityInventoryJsonContext.Default.Options) + "\n";
    }

    public static SecurityInventory Parse(string json)
    {
        var inventory = JsonSerializer.Deserialize(json, SecurityInventoryJsonContext.Default.SecurityInventory)
            ?? throw new InvalidDataException("The inventory is empty.");
        if (inventory.SchemaVersion is < SecurityInventory.OldestSchemaVersion or > SecurityInventory.CurrentSchemaVersion)
        {
            throw new InvalidDataException($"The inventory has schema version {inventory.SchemaVersion}; this SecureApi reads versions {SecurityInventory.OldestSchemaVersion} to {SecurityInventory.CurrentSchemaVersion}.");
        }

        return inventory;
    }

    private static async Task<int> DiffAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!TryOptions(args, ["text", "markdown"], "text", out var format, out var path, out var files) || files.Count != 2)
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        SecurityInventory baseline, head;
        try
        {
            baseline = Parse(await File.ReadAllTextAsync(files[0], cancellationToken));
            head = Parse(await File.ReadAllTextAsync(files[1], cancellationToken));
        }
        catch (Exception exception) when (exception is IOException or JsonException or InvalidDataException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync("Cannot read the inventories: " + exception.Message);
            return 2;
        }

        var changes = InventoryDiff.Compare(baseline, head);
        await WriteAsync(format == "markdown" ? InventoryDiffRenderer.Markdown(changes) : InventoryDiffRenderer.Text(changes), path, output, cancellationToken);
        return changes.Any(static c => c.Weakens) ? 1 : 0;
    }

    private static async Task WriteAsync(string text, string? path, TextWriter output, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            await output.WriteAsync(text);
            return;
        }

        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        await File.WriteAllTextAsync(path, text, cancellationToken);
    }

    /// <summary>Reads <c>--format</c> and <c>--output</c>; the other arguments are returned in order.</summary>
    private static bool TryOptions(IReadOnlyList<string> args, string[] formats, string defaultFormat, out string format, out string? path, out List<string> rest)
    {
        format = defaultFormat;
        path = null;
        rest = [];
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--format" when i + 1 < args.Count && formats.Contains(args[i + 1]):
                    format = args[++i];
                    break;
                case "--output" when i + 1 < args.Count:
                    path = args[++i];
                    break;
                case var option when option.StartsWith("--", StringComparison.Ordinal):
                    return false;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        return true;
    }
}

using System.Text;

namespace SecureApi.Inventory;

/// <summary>A diff as Markdown (for a pull-request comment) or plain text (for a CI log): weakening changes first.</summary>
internal static class InventoryDiffRenderer
{
    public static string Markdown(IReadOnlyList<InventoryChange> changes)
    {
        var md = new StringBuilder("## Security inventory diff\n\n");
        var weakening = changes.Where(static c => c.Weakens).ToList();
        var other = changes.Where(static c => !c.Weakens).ToList();
        if (changes.Count == 0)
        {
            return md.Append("No changes.\n").ToString();
        }

        md.Append(weakening.Count == 0 ? "✅ No security-weakening change.\n\n" : $"⚠️ **{weakening.Count} security-weakening change(s)**\n\n");
        Table(md, "Security-weakening changes", weakening);
        Table(md, "Other changes", other);
        return md.ToString();
    }

    public static string Text(IReadOnlyList<InventoryChange> changes)
    {
        var text = new StringBuilder();
        if (changes.Count == 0)
        {
            return "No changes.\n";
        }

        foreach (var change in changes)
        {
            text.Append(change.Weakens ? "WEAKENS " : "        ").Append(Label(change.Kind)).Append(": ").Append(change.Subject).Append(": ").Append(change.Description).Append('\n');
        }

        var weakening = changes.Count(static c => c.Weakens);
        return text.Append(weakening).Append(" security-weakening change(s), ").Append(changes.Count - weakening).Append(" other change(s)\n").ToString();
    }

    public static string Label(InventoryChangeKind kind) => kind switch
    {
        InventoryChangeKind.NewlyAnonymous => "newly anonymous",
        InventoryChangeKind.NewlyServedFrameworkEndpoint => "newly served by the framework",
        InventoryChangeKind.DroppedCheck => "dropped check",
        InventoryChangeKind.RaisedLimit => "raised limit",
        InventoryChangeKind.WiderDataAccess => "wider data access",
        InventoryChangeKind.NewlyExposedMember => "newly exposed member",
        InventoryChangeKind.NewlySuppressedDiagnostic => "newly suppressed diagnostic",
        InventoryChangeKind.AddedEndpoint => "added endpoint",
        InventoryChangeKind.RemovedEndpoint => "removed endpoint",
        InventoryChangeKind.TightenedCheck => "tightened",
        _ => "changed",
    };

    private static void Table(StringBuilder md, string title, List<InventoryChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        md.Append("### ").Append(title).Append("\n\n| Change | Subject | Detail |\n|---|---|---|\n");
        foreach (var change in changes)
        {
            md.Append("| ").Append(Label(change.Kind)).Append(" | `").Append(InventoryMarkdown.Cell(change.Subject)).Append("` | ")
                .Append(InventoryMarkdown.Cell(change.Description)).Append(" |\n");
        }

        md.Append('\n');
    }
}

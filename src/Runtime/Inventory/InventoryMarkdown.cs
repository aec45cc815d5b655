using System.Text;

namespace SecureApi.Inventory;

/// <summary>
/// The inventory as GitHub-flavoured Markdown for a pull request: counts and the endpoints that need a reviewer's eye
/// first (anonymous, admin store, opted-out rate limit, suppressed diagnostics), then one table row per endpoint.
/// </summary>
internal static class InventoryMarkdown
{
    public static string Render(SecurityInventory inventory)
    {
        var endpoints = inventory.Endpoints;
        var anonymous = inventory.AnonymousEndpoints;
        var admin = inventory.AdminStoreEndpoints;
        var optedOut = inventory.RateLimitOptOuts;
        var suppressed = inventory.SuppressedEndpoints;

        var md = new StringBuilder();
        md.Append("## Security inventory: `").Append(inventory.Assembly).Append("`\n\n");
        md.Append(endpoints.Count).Append(" endpoints · ").Append(inventory.Resources.Count).Append(" resources");
        if (inventory.DatabaseSchema is { } schema)
        {
            md.Append(" · ").Append(schema.Description);
        }

        md.Append("\n\n");
        md.Append("| ").Append(Flag(anonymous.Count)).Append(" anonymous | ").Append(Flag(admin.Count)).Append(" admin store | ")
            .Append(Flag(optedOut.Count)).Append(" rate limit opted out | ").Append(Flag(suppressed.Count)).Append(" suppressed diagnostics |\n|---|---|---|---|\n")
            .Append("| ").Append(anonymous.Count).Append(" | ").Append(admin.Count).Append(" | ").Append(optedOut.Count).Append(" | ").Append(suppressed.Count).Append(" |\n\n");

        Attention(md, "Anonymous endpoints", anonymous, static e => "exposes " + (e.ResponseMembers.Count == 0 ? "no members" : string.Join(", ", e.ResponseMembers)));
        Attention(md, "Admin-store use (every owner's rows)", admin, Access.Describe);
        Attention(md, "Opted out of rate limiting", optedOut, Access.Describe);
        Attention(md, "Suppressed diagnostics", suppressed, static e => string.Join("; ", e.SuppressedDiagnostics.Select(Access.Suppression)));
        if (inventory.ServedOutsideDevelopment is { Count: > 0 } served)
        {
            md.Append("**⚠️ Documentation and admin pages served in ").Append(Cell(inventory.Environment ?? "")).Append("**\n\n");
            foreach (var endpoint in served)
            {
                md.Append("- `").Append(Cell(endpoint.Key)).Append("`: ").Append(endpoint.Category).Append(" page served in ").Append(Cell(inventory.Environment ?? ""))
                    .Append(": ").Append(Cell(endpoint.What)).Append(", ").Append(Cell(endpoint.Access)).Append(" (").Append(Cell(endpoint.Why)).Append(")\n");
            }

            md.Append('\n');
        }

        md.Append("### Endpoints\n\n| Endpoint | Access | Data | Rate limit | Body cap | Validated members | AI guards | Exposes | Suppressed |\n|---|---|---|---|---|---|---|---|---|\n");
        foreach (var endpoint in endpoints)
        {
            md.Append("| `").Append(Cell(endpoint.Key)).Append("` | ")
                .Append(endpoint.Anonymous ? "⚠️ **anonymous**" : Cell(Access.Describe(endpoint))).Append(" | ")
                .Append(endpoint.UsesAdminStore ? "⚠️ " : "").Append(Cell(Access.Data(endpoint))).Append(" | ")
                .Append(endpoint.RateLimit.Disabled ? "⚠️ **opted out**" : Cell(Access.RateLimit(endpoint))).Append(" | ")
                .Append(Cell(Access.BodyCap(endpoint))).Append(" | ")
                .Append(Cell(string.Join("; ", endpoint.Validation.Select(Access.Validation)))).Append(" | ")
                .Append(Cell(string.Join("; ", endpoint.AiGuards))).Append(" | ")
                .Append(Cell(string.Join(", ", endpoint.ResponseMembers))).Append(" | ")
                .Append(endpoint.SuppressedDiagnostics.Count == 0 ? "" : "⚠️ " + Cell(string.Join("; ", endpoint.SuppressedDiagnostics.Select(Access.Suppression)))).Append(" |\n");
        }

        if (inventory.FrameworkEndpoints is { } framework)
        {
            md.Append("\n### Mapped by SecureApi from configuration\n\nIn environment `").Append(Cell(inventory.Environment ?? "unknown"))
                .Append("`.\n\n| Endpoint | What | Served | Why | Access |\n|---|---|---|---|---|\n");
            foreach (var endpoint in framework)
            {
                md.Append("| `").Append(Cell(endpoint.Key)).Append("` | ").Append(Cell(endpoint.What)).Append(" | ")
                    .Append(endpoint.Served ? "⚠️ **served**" : "not served").Append(" | ").Append(Cell(endpoint.Why)).Append(" | ")
                    .Append(endpoint.Anonymous ? "anonymous" : Cell(endpoint.Access)).Append(" |\n");
            }
        }

        md.Append("\n### Resources\n\n| Resource | Table | Key | Owner | Tenant | Sensitive | Encrypted | Filtered on output | Untrusted text |\n|---|---|---|---|---|---|---|---|---|\n");
        foreach (var resource in inventory.Resources)
        {
            md.Append("| `").Append(Cell(resource.Type)).Append("` | `").Append(Cell(resource.Table)).Append("` | ").Append(Cell(resource.Key)).Append(" | ")
                .Append(Cell(resource.Owner ?? "—")).Append(" | ").Append(Cell(resource.Tenant ?? "—")).Append(" | ")
                .Append(Cell(string.Join(", ", resource.SensitiveMembers))).Append(" | ").Append(Cell(string.Join(", ", resource.EncryptedMembers))).Append(" | ")
                .Append(Cell(string.Join(", ", resource.FilteredMembers ?? []))).Append(" | ")
                .Append(Cell(string.Join(", ", (resource.UntrustedMembers ?? []).Select(static m => m.ToString())))).Append(" |\n");
        }

        if (inventory.OutputFilterPolicy is { } policy)
        {
            md.Append("\n### Output firewall policy\n\nIn environment `").Append(Cell(inventory.Environment ?? "unknown")).Append("` (`SecureApi:OutputFilter`): ")
                .Append(string.Join(", ", policy.Select(static k => "`" + Cell(k.Kind) + "` " + (k.Action == "allow" ? "⚠️ allow" : k.Action)))).Append('\n');
        }

        return md.ToString();
    }

    private static string Flag(int count) => count == 0 ? "✅" : "⚠️";

    private static void Attention(StringBuilder md, string title, IReadOnlyList<InventoryEndpoint> endpoints, Func<InventoryEndpoint, string> detail)
    {
        if (endpoints.Count == 0)
        {
            return;
        }

        md.Append("**").Append(title).Append("**\n\n");
        foreach (var endpoint in endpoints)
        {
            md.Append("- `").Append(Cell(endpoint.Key)).Append("`: ").Append(Cell(detail(endpoint))).Append('\n');
        }

        md.Append('\n');
    }

    /// <summary>Text safe inside a table cell: a pipe would end the cell, a newline the row.</summary>
    internal static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}

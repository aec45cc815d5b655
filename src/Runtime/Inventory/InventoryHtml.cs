using System.Text;

namespace SecureApi.Inventory;

/// <summary>
/// The inventory as one self-contained HTML page (inline style, no script, no external asset: it opens offline and as
/// a CI artefact). What a reviewer should look at first — anonymous endpoints, admin-store use, opted-out rate limits,
/// suppressed diagnostics — is counted in badges and listed at the top; the full table follows.
/// </summary>
internal static class InventoryHtml
{
    private const string Style = """
        :root { color-scheme: light; --ink: #1c2430; --muted: #5b6675; --line: #dde3ea; --warn: #b54708; --warn-bg: #fef0c7;
          --danger: #b42318; --danger-bg: #fee4e2; --ok: #067647; --ok-bg: #dcfae6; --info: #175cd3; --info-bg: #d1e9ff; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #f6f8fa; }
        header { padding: 20px 28px 12px; background: #fff; border-bottom: 1px solid var(--line); }
        h1 { margin: 0 0 4px; font-size: 22px; }
        h2 { font-size: 16px; margin: 0 0 10px; }
        h3 { font-size: 13px; margin: 12px 0 6px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
        main { padding: 16px 28px 32px; }
        section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; margin-bottom: 16px; }
        .meta { color: var(--muted); margin: 0 0 10px; }
        .badges { display: flex; flex-wrap: wrap; gap: 8px; margin: 0; padding: 0; list-style: none; }
        .badge { display: inline-block; border-radius: 999px; padding: 2px 10px; font-size: 12px; font-weight: 600; white-space: nowrap; }
        .badges .badge { font-size: 13px; padding: 4px 12px; }
        .danger { color: var(--danger); background: var(--danger-bg); }
        .warn { color: var(--warn); background: var(--warn-bg); }
        .ok { color: var(--ok); background: var(--ok-bg); }
        .info { color: var(--info); background: var(--info-bg); }
        .neutral { color: var(--muted); background: #eef1f4; }
        ul.attention { margin: 0; padding-left: 18px; }
        table { width: 100%; border-collapse: collapse; font-size: 13px; }
        th, td { text-align: left; vertical-align: top; padding: 7px 8px; border-bottom: 1px solid var(--line); }
        th { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
        tr.anonymous td:first-child { box-shadow: inset 3px 0 0 var(--danger); }
        tr.admin td:first-child { box-shadow: inset 3px 0 0 var(--warn); }
        code, .route { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
        .method { display: inline-block; min-width: 56px; font-weight: 700; font-family: ui-monospace, monospace; font-size: 12px; }
        .cell-list { margin: 0; padding: 0; list-style: none; }
        .cell-list li + li { margin-top: 2px; }
        .muted { color: var(--muted); }
        """;

    public static string Render(SecurityInventory inventory)
    {
        var endpoints = inventory.Endpoints;
        var anonymous = inventory.AnonymousEndpoints;
        var admin = inventory.AdminStoreEndpoints;
        var optedOut = inventory.RateLimitOptOuts;
        var suppressed = inventory.SuppressedEndpoints;

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<title>Security inventory · ").Append(E(inventory.Assembly)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");
        html.Append("<header>\n<h1>Security inventory</h1>\n<p class=\"meta\"><code>").Append(E(inventory.Assembly)).Append("</code> · ")
            .Append(endpoints.Count).Append(" endpoints · ").Append(inventory.Resources.Count).Append(" resources");
        if (inventory.DatabaseSchema is { } schema)
        {
            html.Append(" · <span id=\"database-schema\">").Append(E(schema.Description)).Append("</span>");
        }

        html.Append("</p>\n");
        html.Append("<ul class=\"badges\" id=\"summary\">\n");
        Badge(html, "anonymous", anonymous.Count, "anonymous", "danger");
        Badge(html, "admin-store", admin.Count, "admin store (every row)", "warn");
        Badge(html, "rate-limit-opt-out", optedOut.Count, "opted out of rate limiting", "warn");
        Badge(html, "suppressed", suppressed.Count, "with suppressed diagnostics", "warn");
        if (inventory.FrameworkEndpoints is not null && inventory.IsOutsideDevelopment)
        {
            Badge(html, "served-outside-development", inventory.ServedOutsideDevelopment.Count, "docs/admin routes served in " + (inventory.Environment ?? "this environment"), "danger");
        }

        html.Append("</ul>\n</header>\n<main>\n");

        html.Append("<section id=\"attention\">\n<h2>Needs a reviewer's eye</h2>\n");
        Attention(html, "anonymous", "Anonymous endpoints", anonymous, static e => "exposes " + (e.ResponseMembers.Count == 0 ? "no members" : string.Join(", ", e.ResponseMembers)));
        Attention(html, "admin-store", "Admin-store use (every owner's rows)", admin, static e => Access.Describe(e));
        Attention(html, "rate-limit-opt-out", "Opted out of rate limiting", optedOut, static e => Access.Describe(e));
        Attention(html, "suppressed", "Suppressed diagnostics", suppressed, static e => string.Join("; ", e.SuppressedDiagnostics.Select(Access.Suppression)));
        if (inventory.FrameworkEndpoints is not null && inventory.IsOutsideDevelopment)
        {
            ServedOutsideDevelopment(html, inventory);
        }

        html.Append("</section>\n");

        html.Append("<section id=\"endpoints\">\n<h2>Endpoints</h2>\n<table>\n<thead><tr><th>Endpoint</th><th>Access</th><th>Data</th><th>Limits</th><th>Validated members</th><th>AI guards</th><th>Exposes</th><th>Suppressed</th></tr></thead>\n<tbody>\n");
        foreach (var endpoint in endpoints)
        {
            Row(html, endpoint);
        }

        html.Append("</tbody>\n</table>\n</section>\n");

        if (inventory.FrameworkEndpoints is { } framework)
        {
            Framework(html, inventory.Environment, framework);
        }

        html.Append("<section id=\"resources\">\n<h2>Resources</h2>\n<table>\n<thead><tr><th>Resource</th><th>Table</th><th>Key</th><th>Owner</th><th>Tenant</th><th>Sensitive</th><th>Encrypted</th><th>Filtered on output</th><th>Untrusted text</th></tr></thead>\n<tbody>\n");
        foreach (var resource in inventory.Resources)
        {
            html.Append("<tr data-resource=\"").Append(E(resource.Name)).Append("\"><td><code>").Append(E(resource.Type)).Append("</code></td><td><code>")
                .Append(E(resource.Table)).Append("</code></td><td>").Append(E(resource.Key)).Append("</td><td>").Append(E(resource.Owner ?? "—"))
                .Append("</td><td>").Append(E(resource.Tenant ?? "—")).Append("</td><td>").Append(E(Joined(resource.SensitiveMembers)))
                .Append("</td><td>").Append(E(Joined(resource.EncryptedMembers)))
                .Append("</td><td class=\"filtered\">").Append(E(Joined(resource.FilteredMembers ?? [])))
                .Append("</td><td class=\"untrusted\">").Append(E(Joined([.. (resource.UntrustedMembers ?? []).Select(static m => m.ToString())]))).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
        if (inventory.OutputFilterPolicy is { } policy)
        {
            OutputPolicy(html, inventory.Environment, policy);
        }

        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Badge(StringBuilder html, string id, int count, string label, string alarm) =>
        html.Append("<li class=\"badge ").Append(count == 0 ? "ok" : alarm).Append("\" data-badge=\"").Append(id).Append("\">")
            .Append(count).Append(' ').Append(E(label)).Append("</li>\n");

    private static void Attention(StringBuilder html, string id, string title, IReadOnlyList<InventoryEndpoint> endpoints, Func<InventoryEndpoint, string> detail)
    {
        html.Append("<h3>").Append(E(title)).Append(" (").Append(endpoints.Count).Append(")</h3>\n");
        if (endpoints.Count == 0)
        {
            html.Append("<p class=\"muted\" data-attention=\"").Append(id).Append("\">None.</p>\n");
            return;
        }

        html.Append("<ul class=\"attention\" data-attention=\"").Append(id).Append("\">\n");
        foreach (var endpoint in endpoints)
        {
            html.Append("<li><span class=\"route\">").Append(E(endpoint.Key)).Append("</span> — ").Append(E(detail(endpoint))).Append("</li>\n");
        }

        html.Append("</ul>\n");
    }

    private static void ServedOutsideDevelopment(StringBuilder html, SecurityInventory inventory)
    {
        var served = inventory.ServedOutsideDevelopment;
        html.Append("<h3>Documentation and admin pages served in ").Append(E(inventory.Environment ?? "")).Append(" (").Append(served.Count).Append(")</h3>\n");
        if (served.Count == 0)
        {
            html.Append("<p class=\"muted\" data-attention=\"served-outside-development\">None.</p>\n");
            return;
        }

        html.Append("<ul class=\"attention\" data-attention=\"served-outside-development\">\n");
        foreach (var endpoint in served)
        {
            html.Append("<li><span class=\"route\">").Append(E(endpoint.Key)).Append("</span> — ").Append(E(endpoint.Category)).Append(" page served in ")
                .Append(E(inventory.Environment ?? "")).Append(": ").Append(E(endpoint.What)).Append(", ").Append(E(endpoint.Access)).Append(" (").Append(E(endpoint.Why)).Append(")</li>\n");
        }

        html.Append("</ul>\n");
    }

    private static void Framework(StringBuilder html, string? environment, IReadOnlyList<InventoryFrameworkEndpoint> endpoints)
    {
        html.Append("<section id=\"framework\">\n<h2>Mapped by SecureApi from configuration</h2>\n<p class=\"meta\">In environment <code>").Append(E(environment ?? "unknown"))
            .Append("</code>.</p>\n<table>\n<thead><tr><th>Endpoint</th><th>What</th><th>Served</th><th>Why</th><th>Access</th></tr></thead>\n<tbody>\n");
        foreach (var endpoint in endpoints)
        {
            html.Append("<tr data-framework-endpoint=\"").Append(E(endpoint.Key)).Append("\"><td><span class=\"method\">").Append(E(endpoint.Method))
                .Append("</span> <span class=\"route\">").Append(E(endpoint.Route)).Append("</span></td><td>").Append(E(endpoint.What)).Append("</td><td>")
                .Append(endpoint.Served ? "<span class=\"badge warn\">served</span>" : "<span class=\"badge ok\">not served</span>").Append("</td><td>")
                .Append(E(endpoint.Why)).Append("</td><td>").Append(endpoint.Anonymous ? "<span class=\"badge danger\">anonymous</span>" : E(endpoint.Access)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void OutputPolicy(StringBuilder html, string? environment, IReadOnlyList<InventoryOutputKind> policy)
    {
        html.Append("<section id=\"output-policy\">\n<h2>Output firewall policy</h2>\n<p class=\"meta\">What the firewall does with each kind it finds, in environment <code>")
            .Append(E(environment ?? "unknown")).Append("</code> (<code>SecureApi:OutputFilter</code>).</p>\n<ul class=\"badges\">\n");
        foreach (var kind in policy)
        {
            html.Append("<li class=\"badge ").Append(kind.Action switch { "allow" => "warn", "refuse" => "info", _ => "neutral" })
                .Append("\" data-output-kind=\"").Append(E(kind.Kind)).Append("\">").Append(E(kind.Kind)).Append(": ").Append(E(kind.Action)).Append("</li>\n");
        }

        html.Append("</ul>\n</section>\n");
    }

    private static void Row(StringBuilder html, InventoryEndpoint endpoint)
    {
        var classes = (endpoint.Anonymous ? "anonymous " : "") + (endpoint.UsesAdminStore ? "admin" : "");
        html.Append("<tr data-endpoint=\"").Append(E(endpoint.Key)).Append("\" class=\"").Append(classes.Trim()).Append("\">");

        html.Append("<td><span class=\"method\">").Append(E(endpoint.Method)).Append("</span> <span class=\"route\">").Append(E(endpoint.Route))
            .Append("</span><div class=\"muted\">").Append(E(endpoint.Name)).Append("</div></td>");

        html.Append("<td class=\"access\"><ul class=\"cell-list\">");
        if (endpoint.Anonymous)
        {
            html.Append("<li><span class=\"badge danger\">anonymous</span></li>");
        }
        else
        {
            html.Append("<li><span class=\"badge info\">authenticated</span> <span class=\"muted\">").Append(E(string.Join(", ", endpoint.AuthenticationSchemes))).Append("</span></li>");
            Items(html, endpoint.Roles.Select(static set => "role " + string.Join(" or ", set)));
            Items(html, endpoint.Scopes.Select(static set => "scope " + string.Join(" or ", set)));
            Items(html, endpoint.ClientKinds.Count == 0 ? [] : ["client " + string.Join(" or ", endpoint.ClientKinds)]);
            Items(html, endpoint.Policies.Select(static policy => "policy " + policy));
        }

        html.Append("</ul></td>");

        html.Append("<td class=\"data\"><ul class=\"cell-list\">");
        if (endpoint.Stores.Count == 0)
        {
            html.Append("<li class=\"muted\">none</li>");
        }

        foreach (var store in endpoint.Stores)
        {
            html.Append("<li><span class=\"badge ").Append(store.Scope == InventoryStore.Admin ? "warn" : "neutral").Append("\">")
                .Append(E(Access.StoreLabel(store.Scope))).Append("</span> ").Append(E(store.Resource)).Append("</li>");
        }

        html.Append("</ul></td>");

        html.Append("<td class=\"limits\"><ul class=\"cell-list\"><li>rate limit ");
        html.Append(endpoint.RateLimit.Disabled ? "<span class=\"badge warn\">opted out</span>" : "<code>" + E(Access.RateLimit(endpoint)) + "</code>");
        html.Append("</li><li>body ").Append(E(Access.BodyCap(endpoint))).Append("</li>");
        if (endpoint.ExemptFromLoadShedding)
        {
            html.Append("<li><span class=\"badge neutral\">no load shedding</span></li>");
        }

        html.Append("</ul></td>");

        html.Append("<td class=\"validation\"><ul class=\"cell-list\">");
        Items(html, endpoint.Validation.Select(Access.Validation));
        html.Append("</ul></td>");

        html.Append("<td class=\"ai-guards\"><ul class=\"cell-list\">");
        Items(html, endpoint.AiGuards);
        html.Append("</ul></td>");

        html.Append("<td class=\"exposes\"><ul class=\"cell-list\">");
        Items(html, endpoint.Response is null ? [] : [endpoint.Response + (endpoint.ResponseMembers.Count == 0 ? "" : ": " + string.Join(", ", endpoint.ResponseMembers))]);
        Items(html, endpoint.SensitiveMembers.Select(static m => "withheld ([Sensitive]) " + m));
        Items(html, endpoint.EncryptedMembers.Select(static m => "encrypted at rest " + m));
        html.Append("</ul></td>");

        html.Append("<td class=\"suppressed\"><ul class=\"cell-list\">");
        foreach (var suppression in endpoint.SuppressedDiagnostics)
        {
            html.Append("<li><span class=\"badge warn\">").Append(E(suppression.Id)).Append("</span> ").Append(E(suppression.Via))
                .Append(suppression.Justification is { } why ? ": " + E(why) : "").Append("</li>");
        }

        html.Append("</ul></td></tr>\n");
    }

    private static void Items(StringBuilder html, IEnumerable<string> items)
    {
        foreach (var item in items)
        {
            html.Append("<li>").Append(E(item)).Append("</li>");
        }
    }

    private static string Joined(IReadOnlyList<string> members) => members.Count == 0 ? "—" : string.Join(", ", members);

    /// <summary>Escapes markup only; other characters stay as written (the page is UTF-8), so "·" and "—" read as themselves.</summary>
    private static string E(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => escaped.Append("&amp;"),
                '<' => escaped.Append("&lt;"),
                '>' => escaped.Append("&gt;"),
                '"' => escaped.Append("&quot;"),
                '\'' => escaped.Append("&#39;"),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }
}

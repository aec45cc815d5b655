namespace SecureApi.Inventory;

/// <summary>What kind of change a diff line is; the weakening kinds come first, in this order.</summary>
internal enum InventoryChangeKind
{
    /// <summary>An endpoint that required a caller no longer does, or a new endpoint that is anonymous.</summary>
    NewlyAnonymous,

    /// <summary>A route SecureApi maps from configuration (documentation, admin page) that is now served, or now anonymous.</summary>
    NewlyServedFrameworkEndpoint,

    /// <summary>A role, scope, client-kind or policy requirement was removed or now admits more callers.</summary>
    DroppedCheck,

    /// <summary>A rate limit opted out or changed policy, a larger (or no) body cap, a new load-shedding exemption.</summary>
    RaisedLimit,

    /// <summary>The endpoint now reaches every row (an admin store) where it reached only the caller's.</summary>
    WiderDataAccess,

    /// <summary>A response member that was not sent before, or a member no longer [Sensitive] or [Encrypted].</summary>
    NewlyExposedMember,

    /// <summary>A SecureApi diagnostic newly silenced on an endpoint.</summary>
    NewlySuppressedDiagnostic,

    AddedEndpoint,
    RemovedEndpoint,
    TightenedCheck,
    OtherChange,
}

/// <summary>One difference between two inventories.</summary>
/// <param name="Subject">The endpoint (<c>GET /notes/{id}</c>) or resource (<c>Note</c>) it is about.</param>
internal sealed record InventoryChange(InventoryChangeKind Kind, string Subject, string Description)
{
    public bool Weakens => Kind <= InventoryChangeKind.NewlySuppressedDiagnostic;
}

/// <summary>
/// Compares a base inventory with a head inventory (a pull request's): what would make the service easier to misuse
/// first — newly anonymous endpoints, dropped role or scope checks, raised limits, wider data access, newly exposed
/// members, newly silenced diagnostics — then the other changes.
/// </summary>
internal static class InventoryDiff
{
    public static IReadOnlyList<InventoryChange> Compare(SecurityInventory baseline, SecurityInventory head)
    {
        var changes = new List<InventoryChange>();
        var before = baseline.Endpoints.ToDictionary(static e => e.Key, StringComparer.Ordinal);
        var after = head.Endpoints.ToDictionary(static e => e.Key, StringComparer.Ordinal);
        foreach (var endpoint in head.Endpoints)
        {
            if (before.TryGetValue(endpoint.Key, out var old))
            {
                CompareEndpoint(old, endpoint, changes);
            }
            else
            {
                changes.Add(new(InventoryChangeKind.AddedEndpoint, endpoint.Key, "new endpoint: " + Access.Describe(endpoint)));
                if (endpoint.Anonymous)
                {
                    changes.Add(new(InventoryChangeKind.NewlyAnonymous, endpoint.Key, "new anonymous endpoint" + Exposing(endpoint.ResponseMembers)));
                }

                foreach (var suppression in endpoint.SuppressedDiagnostics)
                {
                    changes.Add(new(InventoryChangeKind.NewlySuppressedDiagnostic, endpoint.Key, Suppressed(suppression)));
                }

                if (endpoint.RateLimit.Disabled)
                {
                    changes.Add(new(InventoryChangeKind.RaisedLimit, endpoint.Key, "new endpoint opts out of rate limiting"));
                }
            }
        }

        foreach (var endpoint in baseline.Endpoints.Where(e => !after.ContainsKey(e.Key)))
        {
            changes.Add(new(InventoryChangeKind.RemovedEndpoint, endpoint.Key, "endpoint removed"));
        }

        CompareResources(baseline, head, changes);
        CompareFrameworkEndpoints(baseline, head, changes);
        if (baseline.DatabaseSchema?.Version != head.DatabaseSchema?.Version)
        {
            // Not a weakening in itself, but the migration it brings is for a reviewer to read (README, Schema migrations).
            changes.Add(new(InventoryChangeKind.OtherChange, "database schema",
                $"{baseline.DatabaseSchema?.Description ?? "no schema snapshot"} → {head.DatabaseSchema?.Description ?? "no schema snapshot"}"));
        }

        return [.. changes.OrderBy(static c => c.Kind).ThenBy(static c => c.Subject, StringComparer.Ordinal)];
    }

    private static void CompareEndpoint(InventoryEndpoint old, InventoryEndpoint now, List<InventoryChange> changes)
    {
        void Add(InventoryChangeKind kind, string description) => changes.Add(new(kind, now.Key, description));

        if (!old.Anonymous && now.Anonymous)
        {
            Add(InventoryChangeKind.NewlyAnonymous, "now allows anonymous callers (was: " + Access.Describe(old) + ")" + Exposing(now.ResponseMembers));
        }
        else if (old.Anonymous && !now.Anonymous)
        {
            Add(InventoryChangeKind.TightenedCheck, "now requires an authenticated caller");
        }

        // Once anonymous, the requirements no longer apply: the line above says all there is to say.
        if (!now.Anonymous)
        {
            CompareRequirements("role", old.Roles, now.Roles, Add);
            CompareRequirements("scope", old.Scopes, now.Scopes, Add);
            CompareClientKinds(old.ClientKinds, now.ClientKinds, Add);
            foreach (var policy in old.Policies.Except(now.Policies, StringComparer.Ordinal))
            {
                Add(InventoryChangeKind.DroppedCheck, $"authorization policy '{policy}' dropped");
            }

            foreach (var policy in now.Policies.Except(old.Policies, StringComparer.Ordinal))
            {
                Add(InventoryChangeKind.TightenedCheck, $"authorization policy '{policy}' added");
            }
        }

        CompareLimits(old, now, Add);

        foreach (var store in now.Stores.Where(s => s.Scope == InventoryStore.Admin).Except(old.Stores))
        {
            Add(InventoryChangeKind.WiderDataAccess, $"now reaches every {store.Resource} row (admin store)");
        }

        foreach (var member in now.ResponseMembers.Except(old.ResponseMembers, StringComparer.Ordinal))
        {
            Add(InventoryChangeKind.NewlyExposedMember, $"response now includes '{member}'");
        }

        foreach (var suppression in now.SuppressedDiagnostics.Except(old.SuppressedDiagnostics))
        {
            Add(InventoryChangeKind.NewlySuppressedDiagnostic, Suppressed(suppression));
        }

        CompareAiGuards(old, now, Add);

        if (!old.Validation.Select(Rule).SequenceEqual(now.Validation.Select(Rule), StringComparer.Ordinal))
        {
            Add(InventoryChangeKind.OtherChange, "validation rules changed");
        }
    }

    /// <summary>
    /// Screening dropped or relaxed (reject → quarantine) and the output firewall switched off weaken; the reverse
    /// tightens. A version-1 base knows neither, so nothing is compared against it.
    /// </summary>
    private static void CompareAiGuards(InventoryEndpoint old, InventoryEndpoint now, Action<InventoryChangeKind, string> add)
    {
        if (old.UntrustedText is { } oldScreened && old.OutputFilter is { } oldFilter)
        {
            var screened = (now.UntrustedText ?? []).ToDictionary(static m => m.Member, static m => m.Mode, StringComparer.Ordinal);
            foreach (var member in oldScreened)
            {
                if (!screened.TryGetValue(member.Member, out var mode))
                {
                    add(InventoryChangeKind.DroppedCheck, $"'{member.Member}' no longer screened as untrusted text (was {member.Mode})");
                }
                else if (mode != member.Mode)
                {
                    add(mode == InventoryUntrustedMember.Quarantine ? InventoryChangeKind.DroppedCheck : InventoryChangeKind.TightenedCheck,
                        $"'{member.Member}' untrusted-text screening changed from {member.Mode} to {mode}");
                }
            }

            foreach (var member in (now.UntrustedText ?? []).Where(n => !oldScreened.Any(o => o.Member == n.Member)))
            {
                add(InventoryChangeKind.TightenedCheck, $"'{member.Member}' now screened as untrusted text ({member.Mode})");
            }

            var filtered = now.OutputFilter?.Runs == true;
            if (oldFilter.Runs && !filtered)
            {
                add(InventoryChangeKind.DroppedCheck, "the output firewall no longer filters the response");
            }
            else if (!oldFilter.Runs && filtered)
            {
                add(InventoryChangeKind.TightenedCheck, "the output firewall now filters the response");
            }
        }
    }

    /// <summary>
    /// A requirement holds as long as the head has one admitting no more than it did (a subset of its any-of list);
    /// otherwise it was dropped, or widened to admit more.
    /// </summary>
    private static void CompareRequirements(string what, IReadOnlyList<IReadOnlyList<string>> old, IReadOnlyList<IReadOnlyList<string>> now, Action<InventoryChangeKind, string> add)
    {
        foreach (var requirement in old)
        {
            if (now.Any(n => n.All(requirement.Contains)))
            {
                continue;
            }

            var widened = now.FirstOrDefault(n => requirement.All(n.Contains));
            add(InventoryChangeKind.DroppedCheck, widened is null
                ? $"{what} check '{string.Join(" or ", requirement)}' dropped"
                : $"{what} check '{string.Join(" or ", requirement)}' widened to '{string.Join(" or ", widened)}'");
        }

        foreach (var requirement in now.Where(n => !old.Any(o => o.All(n.Contains))))
        {
            add(InventoryChangeKind.TightenedCheck, $"{what} check '{string.Join(" or ", requirement)}' added");
        }
    }

    private static void CompareClientKinds(IReadOnlyList<string> old, IReadOnlyList<string> now, Action<InventoryChangeKind, string> add)
    {
        if (old.Count > 0 && now.Count == 0)
        {
            add(InventoryChangeKind.DroppedCheck, $"client-kind check '{string.Join(" or ", old)}' dropped: any client kind");
        }
        else if (old.Count > 0 && now.Except(old).Any())
        {
            add(InventoryChangeKind.DroppedCheck, $"client kinds widened from '{string.Join(" or ", old)}' to '{string.Join(" or ", now)}'");
        }
        else if (now.Count > 0 && (old.Count == 0 || old.Except(now).Any()))
        {
            add(InventoryChangeKind.TightenedCheck, $"client kinds narrowed to '{string.Join(" or ", now)}'");
        }
    }

    private static void CompareLimits(InventoryEndpoint old, InventoryEndpoint now, Action<InventoryChangeKind, string> add)
    {
        if (!old.RateLimit.Disabled && now.RateLimit.Disabled)
        {
            add(InventoryChangeKind.RaisedLimit, $"rate limiting disabled (was policy '{old.RateLimit.Policy}')");
        }
        else if (old.RateLimit.Disabled && !now.RateLimit.Disabled)
        {
            add(InventoryChangeKind.TightenedCheck, $"rate limited again (policy '{now.RateLimit.Policy}')");
        }
        else if (!string.Equals(old.RateLimit.Policy, now.RateLimit.Policy, StringComparison.Ordinal))
        {
            add(InventoryChangeKind.RaisedLimit, $"rate-limit policy changed from '{old.RateLimit.Policy}' to '{now.RateLimit.Policy}'");
        }

        // No cap of its own means the service's default, which is taken to be larger than any cap an endpoint chose.
        if (old.MaxBodyBytes is { } oldCap && (now.MaxBodyBytes is not { } newCap || newCap > oldCap))
        {
            add(InventoryChangeKind.RaisedLimit, $"body cap raised from {oldCap} bytes to {(now.MaxBodyBytes is { } cap ? cap + " bytes" : "the service default")}");
        }
        else if (now.MaxBodyBytes is { } lowered && (old.MaxBodyBytes is null || lowered < old.MaxBodyBytes))
        {
            add(InventoryChangeKind.TightenedCheck, $"body cap lowered to {lowered} bytes");
        }

        if (!old.ExemptFromLoadShedding && now.ExemptFromLoadShedding)
        {
            add(InventoryChangeKind.RaisedLimit, "now exempt from load shedding");
        }
    }

    /// <summary>
    /// Only when both inventories were written by the <c>inventory</c> command: the generated file alone does not know
    /// the configuration, so it says nothing about what the framework serves.
    /// </summary>
    private static void CompareFrameworkEndpoints(SecurityInventory baseline, SecurityInventory head, List<InventoryChange> changes)
    {
        if (baseline.FrameworkEndpoints is not { } beforeList || head.FrameworkEndpoints is not { } afterList)
        {
            return;
        }

        var before = beforeList.ToDictionary(static e => e.Key, StringComparer.Ordinal);
        foreach (var endpoint in afterList)
        {
            var old = before.GetValueOrDefault(endpoint.Key);
            var where = " (" + endpoint.What + ", environment " + (head.Environment ?? "unknown") + ": " + endpoint.Why + ")";
            if (endpoint.Served && old is not { Served: true })
            {
                changes.Add(new(InventoryChangeKind.NewlyServedFrameworkEndpoint, endpoint.Key, "now served, " + endpoint.Access + where));
            }
            else if (endpoint.Served && endpoint.Anonymous && old is { Anonymous: false })
            {
                changes.Add(new(InventoryChangeKind.NewlyServedFrameworkEndpoint, endpoint.Key, "now anonymous" + where));
            }
            else if (!endpoint.Served && old is { Served: true })
            {
                changes.Add(new(InventoryChangeKind.TightenedCheck, endpoint.Key, "no longer served" + where));
            }
        }
    }

    private static void CompareResources(SecurityInventory baseline, SecurityInventory head, List<InventoryChange> changes)
    {
        var before = baseline.Resources.ToDictionary(static r => r.Type, StringComparer.Ordinal);
        foreach (var resource in head.Resources)
        {
            if (!before.TryGetValue(resource.Type, out var old))
            {
                continue;
            }

            foreach (var member in old.SensitiveMembers.Except(resource.SensitiveMembers, StringComparer.Ordinal))
            {
                changes.Add(new(InventoryChangeKind.NewlyExposedMember, resource.Name, $"'{member}' is no longer [Sensitive]: responses and logs may now carry it"));
            }

            foreach (var member in old.EncryptedMembers.Except(resource.EncryptedMembers, StringComparer.Ordinal))
            {
                changes.Add(new(InventoryChangeKind.NewlyExposedMember, resource.Name, $"'{member}' is no longer [Encrypted]: stored in clear"));
            }

            if (old.Owner != resource.Owner || old.Tenant != resource.Tenant)
            {
                changes.Add(new(InventoryChangeKind.OtherChange, resource.Name, $"ownership changed (owner {old.Owner ?? "none"} → {resource.Owner ?? "none"}, tenant {old.Tenant ?? "none"} → {resource.Tenant ?? "none"})"));
            }
        }
    }

    private static string Rule(InventoryValidation validation) => validation.Member + ":" + string.Join(",", validation.Rules);

    private static string Suppressed(InventorySuppression suppression) =>
        $"{suppression.Id} suppressed ({suppression.Via}{(suppression.Justification is { } why ? ": " + why : "")})";

    private static string Exposing(IReadOnlyList<string> members) =>
        members.Count == 0 ? "" : ", exposing " + string.Join(", ", members);
}

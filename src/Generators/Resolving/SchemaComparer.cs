using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SecureApi.Generators.Diagnostics;
using SecureApi.Generators.Models;
using SecureApi.Generators.Parsing;

namespace SecureApi.Generators.Resolving;

/// <summary>
/// Compares the declared schema with the checked-in snapshot: a dropped column that was not retired (SAPI075), a likely
/// rename without <c>[RenamedFrom]</c> (SAPI076), a <c>[RenamedFrom]</c> naming no column (SAPI077), a change that needs
/// a hand-written migration step and has none (SAPI078), and a snapshot that is simply out of date (SAPI079).
/// </summary>
internal static class SchemaComparer
{
    private const string File = SchemaSnapshotReader.FileName;

    public static EquatableArray<DiagnosticInfo> Compare(SchemaSpec declared, SchemaSnapshotFile? snapshot, IEnumerable<ResourceSchemaMembers> members, IEnumerable<ResourceSpec> resources)
    {
        if (snapshot is null)
        {
            return EquatableArray<DiagnosticInfo>.Empty;
        }

        var diagnostics = new List<DiagnosticInfo>();
        var version = snapshot.Version.ToString(CultureInfo.InvariantCulture);
        if (snapshot.Schema is { } recorded)
        {
            var byTable = members.GroupBy(m => m.Table).ToDictionary(g => g.Key, g => g.First());
            var stepsByTable = resources.GroupBy(r => r.Table).ToDictionary(g => g.Key, g => g.First().MigrationSteps);
            var previous = recorded.Tables.ToDictionary(t => t.Table);
            foreach (var table in declared.Tables)
            {
                if (previous.TryGetValue(table.Table, out var old) && byTable.TryGetValue(table.Table, out var declaration))
                {
                    CompareTable(old, table, declaration, stepsByTable[table.Table], version, diagnostics);
                }
            }
        }

        var changes = snapshot.Schema is null ? "it cannot be read (" + snapshot.Error + ")" : Changes(snapshot.Schema, declared);
        if (changes is not null)
        {
            diagnostics.Add(new DiagnosticInfo(
                DiagnosticDescriptors.SchemaSnapshotOutOfDate.Id,
                new LocationInfo(snapshot.Path, default, default),
                new EquatableArray<string>([File, version, changes, SchemaVersions.Next(snapshot, declared).ToString(CultureInfo.InvariantCulture)])));
        }

        return diagnostics.ToEquatableArray();
    }

    private static void CompareTable(
        TableSchemaSpec old, TableSchemaSpec current, ResourceSchemaMembers declaration, EquatableArray<MigrationStepSpec> steps, string version, List<DiagnosticInfo> diagnostics)
    {
        var before = old.Columns.ToDictionary(c => c.Name);
        var now = current.Columns.ToDictionary(c => c.Name);
        var locations = declaration.Members.ToDictionary(m => m.PropertyName);
        LocationInfo? At(ColumnSchemaSpec column) => locations.TryGetValue(column.Member, out var member) ? member.Location : declaration.Location;
        void Report(DiagnosticInfo diagnostic) => diagnostics.Add(diagnostic);
        void CheckChange(ColumnSchemaSpec recorded, ColumnSchemaSpec column)
        {
            if (!Prepared(steps, column))
            {
                NeedsStep(current, recorded, column, At(column), version, Report);
            }
        }

        var carriedOver = new HashSet<string>(); // old columns that live on under a new name
        var added = new List<ColumnSchemaSpec>();
        foreach (var column in current.Columns)
        {
            if (before.TryGetValue(column.Name, out var same))
            {
                CheckChange(same, column);
            }
            else if (column.RenamedFrom is not { } previousName)
            {
                added.Add(column);
            }
            else if (before.TryGetValue(previousName, out var renamed))
            {
                carriedOver.Add(previousName);
                CheckChange(renamed, column);
            }
            else
            {
                Report(new DiagnosticInfo(DiagnosticDescriptors.RenamedFromUnknownColumn.Id, At(column), new EquatableArray<string>(
                    [current.Resource, column.Member, previousName, current.Table, File, version, string.Join(", ", old.Columns.Select(c => "'" + c.Name + "'"))])));
            }
        }

        foreach (var gone in old.Columns.Where(c => !now.ContainsKey(c.Name) && !carriedOver.Contains(c.Name) && !c.Retired))
        {
            // A new column of the same kind is most likely the same data under a new name.
            var successor = added.FirstOrDefault(c => c.Kind == gone.Kind);
            if (successor is not null)
            {
                added.Remove(successor);
                Report(new DiagnosticInfo(DiagnosticDescriptors.RenameWithoutRenamedFrom.Id, At(successor), new EquatableArray<string>(
                    [current.Resource, gone.Name, gone.Kind, File, version, successor.Member, successor.Name, gone.Member])));
            }
            else
            {
                Report(new DiagnosticInfo(DiagnosticDescriptors.DroppedColumnNotRetired.Id, declaration.Location, new EquatableArray<string>(
                    [current.Resource, gone.Member, gone.Name, File, version])));
            }
        }
    }

    /// <summary>
    /// Whether a <c>[MigrationStep]</c> of the resource names the member or its column (ignoring case and underscores, as
    /// the runtime's planner reads it): the hand-written step is the declaration that lets the change be applied.
    /// </summary>
    private static bool Prepared(EquatableArray<MigrationStepSpec> steps, ColumnSchemaSpec column) =>
        steps.Any(step => step.Member is { } member && (SameName(member, column.Member) || SameName(member, column.Name)));

    private static bool SameName(string left, string right) =>
        string.Equals(left.Replace("_", ""), right.Replace("_", ""), System.StringComparison.OrdinalIgnoreCase);

    /// <summary>Changes existing values may not survive: a new storage kind, a column made required, a shorter maximum length.</summary>
    private static void NeedsStep(TableSchemaSpec table, ColumnSchemaSpec old, ColumnSchemaSpec current, LocationInfo? location, string version, System.Action<DiagnosticInfo> report)
    {
        var changes = new List<string>();
        if (old.Kind != current.Kind)
        {
            changes.Add($"its storage kind changes from {old.Kind} to {current.Kind}");
        }

        if (old.Nullable && !current.Nullable)
        {
            changes.Add("it becomes required (NOT NULL)");
        }

        if (current.MaxLength is { } maximum && (old.MaxLength is null || old.MaxLength > maximum))
        {
            changes.Add($"its maximum length shrinks from {(old.MaxLength is { } was ? was.ToString(CultureInfo.InvariantCulture) : "unlimited")} to {maximum.ToString(CultureInfo.InvariantCulture)}");
        }

        if (changes.Count > 0)
        {
            report(new DiagnosticInfo(DiagnosticDescriptors.ChangeNeedsMigrationStep.Id, location, new EquatableArray<string>(
                [table.Resource, current.Member, string.Join(" and ", changes), File, version])));
        }
    }

    /// <summary>What differs, in a few words for SAPI079 (null when nothing does).</summary>
    private static string? Changes(SchemaSpec recorded, SchemaSpec declared)
    {
        if (recorded.Equals(declared))
        {
            return null;
        }

        var changes = new List<string>();
        var before = recorded.Tables.ToDictionary(t => t.Table);
        var now = declared.Tables.ToDictionary(t => t.Table);
        changes.AddRange(declared.Tables.Where(t => !before.ContainsKey(t.Table)).Select(t => $"table '{t.Table}' is new"));
        changes.AddRange(recorded.Tables.Where(t => !now.ContainsKey(t.Table)).Select(t => $"table '{t.Table}' is gone"));
        foreach (var table in declared.Tables.Where(t => before.ContainsKey(t.Table)))
        {
            var old = before[table.Table];
            var oldColumns = old.Columns.ToDictionary(c => c.Name);
            var newColumns = table.Columns.ToDictionary(c => c.Name);
            if (old.Resource != table.Resource)
            {
                changes.Add($"table '{table.Table}' is declared by '{table.Resource}' instead of '{old.Resource}'");
            }

            // A column whose [RenamedFrom] names a column that is gone is that column renamed, not one added and one dropped.
            var renamed = table.Columns
                .Where(c => !oldColumns.ContainsKey(c.Name) && c.RenamedFrom is { } from && oldColumns.ContainsKey(from) && !newColumns.ContainsKey(from))
                .ToList();
            var renamedFrom = new HashSet<string>(renamed.Select(c => c.RenamedFrom!));
            changes.AddRange(renamed.Select(c => $"'{table.Table}.{c.RenamedFrom}' is renamed to '{c.Name}'"));
            changes.AddRange(table.Columns.Where(c => !oldColumns.ContainsKey(c.Name) && !renamed.Contains(c)).Select(c => $"'{table.Table}.{c.Name}' is new"));
            changes.AddRange(old.Columns.Where(c => !newColumns.ContainsKey(c.Name) && !renamedFrom.Contains(c.Name)).Select(c => $"'{table.Table}.{c.Name}' is gone"));
            changes.AddRange(table.Columns.Where(c => oldColumns.TryGetValue(c.Name, out var was) && !was.Equals(c)).Select(c => $"'{table.Table}.{c.Name}' changed"));
        }

        const int Shown = 4;
        return changes.Count <= Shown
            ? string.Join(", ", changes)
            : string.Join(", ", changes.Take(Shown)) + $" and {changes.Count - Shown} more";
    }
}

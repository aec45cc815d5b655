namespace SecureApi.Data.Migrations;

/// <summary>
/// Compares the declared resources with the database catalog and plans the difference as ordered steps. Safe changes are
/// planned on their own (a new table, a new optional member or one with a declared default, a new index, a longer
/// maximum length, a member made optional); changes that could lose data (a dropped or renamed column, a new type, a
/// member made required, a shorter length, a dropped resource) are planned only when code declares them, and are
/// otherwise refused, each with a message naming the resource, the member, the change and the declaration that allows it.
/// </summary>
internal static class MigrationPlanner
{
    public static MigrationPlan Plan(IReadOnlyList<ResourceSchema> declared, Catalog catalog, IReadOnlySet<string> applied, SqlDialect dialect)
    {
        var steps = new List<MigrationStep>();
        var refusals = new List<string>();

        // Hand-written steps first: they prepare the data the automatic steps then reshape.
        var handWritten = declared.SelectMany(r => r.Steps.Select(s => (Resource: r, Step: s)))
            .OrderBy(s => s.Step.Id, StringComparer.Ordinal)
            .ToList();
        foreach (var (resource, step) in handWritten)
        {
            var id = HandWrittenId(resource, step);
            if (!applied.Contains(id))
            {
                steps.Add(new MigrationStep(id, step.Table ?? resource.Table, "[MigrationStep] of " + resource.Resource, [step.SqlFor(dialect)], Safe: false) { HandWritten = true });
            }
        }

        foreach (var resource in declared)
        {
            var table = catalog.Table(resource.Table);
            var planner = new TablePlanner(resource, table, applied, dialect, handWritten.Where(h => h.Resource == resource).Select(h => h.Step).ToList());
            steps.AddRange(table is null ? [planner.Create()] : planner.Evolve(refusals));
        }

        // A table this service created (or adopted) whose resource is gone: dropping it is never implicit.
        var declaredTables = new HashSet<string>(declared.Select(r => r.Table), StringComparer.OrdinalIgnoreCase);
        foreach (var table in catalog.Tables.Keys.Where(t => !declaredTables.Contains(t)).Order(StringComparer.Ordinal))
        {
            var owned = applied.Contains(table + ".create") || applied.Contains(table + ".adopt");
            var dropped = handWritten.Any(h => string.Equals(h.Step.Table, table, StringComparison.OrdinalIgnoreCase));
            if (owned && !dropped)
            {
                refusals.Add(
                    $"Table '{table}' belonged to a resource that is no longer declared; dropping it would lose its rows. " +
                    $"Keep the resource, or declare a [MigrationStep(id, Table = \"{table}\", Sqlite = ..., PostgreSql = ...)] on another resource that drops it.");
            }
        }

        return new MigrationPlan(refusals.Count == 0 ? steps : [], refusals);
    }

    public static string HandWrittenId(ResourceSchema resource, HandWrittenStep step) => resource.Table + ".step." + step.Id;

    /// <summary>Plans one declared table against its catalog entry.</summary>
    private sealed class TablePlanner(ResourceSchema resource, CatalogTable? table, IReadOnlySet<string> applied, SqlDialect dialect, List<HandWrittenStep> handWritten)
    {
        private readonly string _name = resource.Table;

        public MigrationStep Create() =>
            new(_name + ".create", _name, $"create the table of {resource.Resource}", [MigrationSql.CreateTable(resource, _name, dialect, []), .. resource.Indexes.Select(i => MigrationSql.CreateIndex(_name, i))], Safe: true);

        public List<MigrationStep> Evolve(List<string> refusals)
        {
            var catalog = table!;
            var steps = new List<MigrationStep>();
            if (!applied.Contains(_name + ".create") && !applied.Contains(_name + ".adopt"))
            {
                steps.Add(new MigrationStep(_name + ".adopt", _name, $"record the existing table of {resource.Resource}", [], Safe: true));
            }

            var simple = new List<MigrationStep>(); // ALTER statements both engines run as they are
            var reshape = new List<(MigrationStep Alter, string Change)>(); // PostgreSQL ALTERs; SQLite rebuilds the table for these
            var sources = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase); // declared column → its current column
            foreach (var column in resource.Columns)
            {
                var current = catalog.Column(column.Name);
                if (current is null && column.RenamedFrom is { } previous && catalog.Column(previous) is { } old)
                {
                    simple.Add(new MigrationStep($"{_name}.rename.{old.Name}.{column.Name}", _name, $"rename column {old.Name} to {column.Name} ([RenamedFrom] on {resource.Resource}.{column.Member})", [$"ALTER TABLE {_name} RENAME COLUMN {old.Name} TO {column.Name}"], Safe: false));
                    current = old;
                }

                if (current is null)
                {
                    if (!column.Nullable && !column.Retired && column.DefaultSql is null)
                    {
                        refusals.Add(
                            $"{Where(column)}: adding it as required leaves the existing rows without a value. " +
                            "Declare a default with [DefaultValue(...)], or make the member nullable.");
                        continue;
                    }

                    simple.Add(new MigrationStep($"{_name}.add.{column.Name}", _name, $"add column {column.Name} ({resource.Resource}.{column.Member})", [MigrationSql.AddColumn(_name, column, dialect)], Safe: true));
                    continue;
                }

                sources[column.Name] = current.Name;
                Compare(column, current, reshape, refusals);
                if (column.Retired && !applied.Contains($"{_name}.retire.{column.Name}"))
                {
                    steps.Add(new MigrationStep($"{_name}.retire.{column.Name}", _name, $"record {resource.Resource}.{column.Member} as retired: its column may be dropped once the member is removed", [], Safe: false));
                }
            }

            var drops = new List<MigrationStep>();
            foreach (var column in catalog.Columns.Where(c => !sources.Values.Contains(c.Name, StringComparer.OrdinalIgnoreCase) && !resource.Columns.Any(d => string.Equals(d.Name, c.Name, StringComparison.OrdinalIgnoreCase))))
            {
                if (applied.Contains($"{_name}.retire.{column.Name}") || Allowed(column.Name))
                {
                    drops.Add(new MigrationStep($"{_name}.drop.{column.Name}", _name, $"drop column {column.Name} (retired, or allowed by a [MigrationStep])", [$"ALTER TABLE {_name} DROP COLUMN {column.Name}"], Safe: false));
                    continue;
                }

                refusals.Add(
                    $"Resource '{resource.Resource}' (table '{_name}'): column '{column.Name}' is in the database but no member declares it; dropping it would lose its values. " +
                    $"Mark the member [Retired] for a release before removing it, declare [RenamedFrom(\"{column.Name}\")] on the member it became, " +
                    $"or allow the drop with [MigrationStep(id, Member = \"{column.Name}\", Sqlite = ..., PostgreSql = ...)] on {resource.Resource}.");
            }

            var indexes = resource.Indexes.Where(i => !catalog.Indexes.Any(c => string.Equals(c.Name, i.Name, StringComparison.OrdinalIgnoreCase))).ToList();
            var ours = "ix_" + _name + "_";
            var staleIndexes = catalog.Indexes
                .Where(c => c.Name.StartsWith(ours, StringComparison.OrdinalIgnoreCase) && !resource.Indexes.Any(i => string.Equals(i.Name, c.Name, StringComparison.OrdinalIgnoreCase)))
                .ToList();
            if (dialect == SqlDialect.Sqlite && (reshape.Count > 0 || drops.Count > 0))
            {
                // SQLite cannot alter a column in place: the table is rebuilt in one step (renames and new columns
                // included), declared indexes created on the new table and the others kept.
                var changes = reshape.Select(r => r.Change).Concat(simple.Select(s => s.Description)).Concat(drops.Select(d => d.Description));
                steps.Add(new MigrationStep(
                    _name + ".rebuild",
                    _name,
                    "rebuild the table: " + string.Join("; ", changes),
                    MigrationSql.RebuildSqlite(resource, catalog, sources),
                    Safe: reshape.All(r => r.Alter.Safe) && simple.All(s => s.Safe) && drops.Count == 0) { Rebuild = true });
                return steps;
            }

            steps.AddRange(simple);
            steps.AddRange(reshape.Select(r => r.Alter));
            steps.AddRange(drops);
            steps.AddRange(staleIndexes.Select(i => new MigrationStep($"{_name}.unindex.{i.Name}", _name, $"drop index {i.Name}: no member is sortable or filterable under that name any more", [$"DROP INDEX IF EXISTS {i.Name}"], Safe: true)));
            steps.AddRange(indexes.Select(i => new MigrationStep($"{_name}.index.{i.Name}", _name, $"create index {i.Name}", [MigrationSql.CreateIndex(_name, i)], Safe: true)));
            return steps;
        }

        /// <summary>Plans what changed in a column that exists: its type, its maximum length, whether it is required.</summary>
        private void Compare(ColumnSchema column, CatalogColumn current, List<(MigrationStep Alter, string Change)> reshape, List<string> refusals)
        {
            if (column.Key)
            {
                return; // the key's shape never changes: a resource's identity is its key
            }

            var declared = SqlType.Parse(column.TypeFor(dialect));
            var existing = SqlType.Parse(current.Type);
            var name = column.Name;
            if (!column.Retired && declared.Family != existing.Family)
            {
                var change = $"change the type of {name} from {current.Type} to {column.TypeFor(dialect)}";
                if (Allowed(column.Member) || Allowed(name))
                {
                    reshape.Add((Alter(change, $"{_name}.type.{name}", $"ALTER TABLE {_name} ALTER COLUMN {name} TYPE {column.PostgreSqlType} USING {name}::{column.PostgreSqlType}", safe: false), change));
                }
                else
                {
                    refusals.Add(
                        $"{Where(column)}: changing its type from {current.Type} to {column.TypeFor(dialect)} could corrupt its values. " +
                        $"Declare a [MigrationStep(id, Member = \"{column.Member}\", Sqlite = ..., PostgreSql = ...)] on {resource.Resource} that converts them.");
                }
            }
            else if (!column.Retired && declared.Length != existing.Length && existing.Length is { } oldLength)
            {
                // A column with no length in the database (created before lengths were declared) keeps none: the
                // validation of requests bounds it, and narrowing a column that may hold longer values is not safe.
                if (declared.Length is null || declared.Length > oldLength)
                {
                    var change = $"lengthen {name} from {oldLength} to {declared.Length?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unbounded"}";
                    reshape.Add((Alter(change, $"{_name}.length.{name}", $"ALTER TABLE {_name} ALTER COLUMN {name} TYPE {column.PostgreSqlType}", safe: true), change));
                }
                else if (Allowed(column.Member) || Allowed(name))
                {
                    var change = $"shorten {name} from {oldLength} to {declared.Length}";
                    reshape.Add((Alter(change, $"{_name}.length.{name}", $"ALTER TABLE {_name} ALTER COLUMN {name} TYPE {column.PostgreSqlType}", safe: false), change));
                }
                else
                {
                    refusals.Add(
                        $"{Where(column)}: shortening its maximum length from {oldLength} to {declared.Length} would cut longer values. " +
                        $"Declare a [MigrationStep(id, Member = \"{column.Member}\", Sqlite = ..., PostgreSql = ...)] on {resource.Resource} that shortens them, or keep the length.");
                }
            }

            var optional = column.Nullable || column.Retired;
            if (optional && !current.Nullable)
            {
                var change = $"make {name} optional";
                reshape.Add((Alter(change, $"{_name}.optional.{name}", $"ALTER TABLE {_name} ALTER COLUMN {name} DROP NOT NULL", safe: true), change));
            }
            else if (!optional && current.Nullable)
            {
                if (Allowed(column.Member) || Allowed(name))
                {
                    var change = $"make {name} required";
                    reshape.Add((Alter(change, $"{_name}.required.{name}", $"ALTER TABLE {_name} ALTER COLUMN {name} SET NOT NULL", safe: false), change));
                }
                else
                {
                    refusals.Add(
                        $"{Where(column)}: making it required fails on rows without a value. " +
                        $"Declare a [MigrationStep(id, Member = \"{column.Member}\", Sqlite = ..., PostgreSql = ...)] on {resource.Resource} that fills them, or keep the member nullable.");
                }
            }
        }

        private MigrationStep Alter(string change, string id, string sql, bool safe) => new(id, _name, change, [sql], safe);

        private string Where(ColumnSchema column) => $"Resource '{resource.Resource}' (table '{_name}'), member '{column.Member}' (column '{column.Name}')";

        /// <summary>Whether a <c>[MigrationStep]</c> of the resource names the member (or the column, once the member is gone).</summary>
        private bool Allowed(string memberOrColumn) =>
            handWritten.Any(s => s.Member is { } member && string.Equals(member.Replace("_", "", StringComparison.Ordinal), memberOrColumn.Replace("_", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));
    }
}

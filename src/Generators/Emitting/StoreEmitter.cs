using System.Collections.Generic;
using System.Linq;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Emitting;

/// <summary>
/// Emits, per resource, its SQL constants, the caller-scoped <c>{T}Store</c>, the role-gated <c>{T}AdminStore</c>,
/// the row mapping they share, and the registration that adds them to DI and their tables to the schema.
/// </summary>
internal static class StoreEmitter
{
    private const string Data = "global::SecureApi.Data";
    private const string Token = "global::System.Threading.CancellationToken";

    public static string HintName(ResourceSpec spec) =>
        (spec.Namespace.Length == 0 ? "" : spec.Namespace + ".") + spec.TypeName + ".Store.g.cs";

    public static string Emit(ResourceSpec spec)
    {
        var writer = new SourceWriter();
        writer.Lines(SourceWriter.Header).Line();
        if (spec.TrimSuppressions.Count > 0)
        {
            writer.Line("// [MaxLength], [MinLength] and [Length] on a resource document its limits; nothing in SecureApi calls their");
            writer.Line("// reflection-based IsValid (request types are validated by generated code), so the trim warning does not apply.");
            foreach (var target in spec.TrimSuppressions)
            {
                writer.Line($"[assembly: global::System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage(\"Trimming\", \"IL2026\", Scope = \"member\", Target = {Names.Literal(target)}, Justification = \"Not validated by reflection in SecureApi.\")]");
            }

            writer.Line();
        }

        if (spec.Namespace.Length > 0)
        {
            writer.Line($"namespace {spec.Namespace};").Line();
        }

        EmitSql(writer, spec);
        writer.Line();
        EmitScopedStore(writer, spec);
        writer.Line();
        EmitAdminStore(writer, spec);
        writer.Line();
        StoreRowsEmitter.Emit(writer, spec);
        writer.Line();
        EmitRegistration(writer, spec);
        return writer.ToString();
    }

    private static string Sql(ResourceSpec spec) => spec.TypeName + "Sql";

    private static void EmitSql(SourceWriter writer, ResourceSpec spec)
    {
        writer.Line($"/// <summary>The SQL of <see cref=\"{spec.TypeName}\"/>: compile-time constants; values travel only as parameters.</summary>");
        using (writer.Block($"internal static class {Sql(spec)}"))
        {
            writer.Line($"public const string SqliteSchema = {Names.Literal(StoreSql.Schema(spec, postgres: false))};");
            writer.Line($"public const string PostgreSqlSchema = {Names.Literal(StoreSql.Schema(spec, postgres: true))};");
            writer.Line();
            writer.Line("// The statements below are written in the SQL that SQLite and PostgreSQL share.");
            writer.Line($"public const string SelectByKey = {Names.Literal(StoreSql.SelectByKey(spec, scoped: true))};");
            writer.Line($"public const string AdminSelectByKey = {Names.Literal(StoreSql.SelectByKey(spec, scoped: false))};");
            writer.Line($"public const string Exists = {Names.Literal(StoreSql.Exists(spec))};");
            writer.Line($"public const string Insert = {Names.Literal(StoreSql.Insert(spec))};");
            if (spec.Columns.Any(c => c.IsClientData))
            {
                writer.Line($"public const string Update = {Names.Literal(StoreSql.Update(spec))};");
            }

            writer.Line($"public const string Delete = {Names.Literal(StoreSql.Delete(spec, scoped: true))};");
            writer.Line($"public const string AdminDelete = {Names.Literal(StoreSql.Delete(spec, scoped: false))};");
            foreach (var scoped in new[] { true, false })
            {
                foreach (var sort in SortOptions(spec))
                {
                    foreach (var descending in new[] { false, true })
                    {
                        writer.Line($"public const string {StoreSql.ListName(scoped, sort, descending)} = {Names.Literal(StoreSql.List(spec, scoped, sort, descending))};");
                    }
                }
            }
        }
    }

    private static IEnumerable<ColumnSpec?> SortOptions(ResourceSpec spec) =>
        new ColumnSpec?[] { null }.Concat(spec.Columns.Where(c => c.Sortable));

    private static void EmitScopedStore(SourceWriter writer, ResourceSpec spec)
    {
        var type = spec.FullyQualifiedName;
        var key = spec.Key;
        var scopeDescription = (spec.Owner, spec.Tenant) switch
        {
            (not null, not null) => "the caller's own rows in the caller's tenant",
            (not null, null) => "the caller's own rows",
            (null, not null) => "the rows of the caller's tenant",
            _ => "the rows of this unowned resource",
        };
        writer.Line($"/// <summary>Reads and writes <see cref=\"{spec.TypeName}\"/>: every statement is limited to {scopeDescription}. Not yours and not found are the same <c>null</c>.</summary>");
        using (writer.Block($"public sealed class {spec.StoreName}({Data}.SecureApiDatabase database, {Data}.FieldEncryption encryption, {Data}.CursorProtector cursors)"))
        {
            EmitAllowLists(writer, spec);
            using (writer.Block($"public async global::System.Threading.Tasks.Task<{type}?> FindAsync(global::SecureApi.Caller caller, {key.TypeName} key, {Token} cancellationToken = default)"))
            {
                writer.Line("await using var connection = await database.OpenAsync(cancellationToken);");
                writer.Line($"await using var command = {Data}.Db.Command(connection, {Sql(spec)}.SelectByKey);");
                writer.Line($"{Data}.Db.Parameter(command, \"@key\", key, {StoreSql.DbType(key)});");
                writer.Line("AddScope(command, caller);");
                writer.Line("await using var reader = await command.ExecuteReaderAsync(cancellationToken);");
                writer.Line($"return await reader.ReadAsync(cancellationToken) ? {Rows(spec)}.Read(reader, encryption) : null;");
            }

            writer.Line();
            EmitList(writer, spec, scoped: true);
            writer.Line();
            EmitCreate(writer, spec);
            if (spec.Columns.Any(c => c.IsClientData))
            {
                writer.Line();
                EmitUpdate(writer, spec);
            }

            writer.Line();
            EmitDelete(writer, spec, scoped: true);
            writer.Line();
            using (writer.Block($"private static void AddScope(global::System.Data.Common.DbCommand command, global::SecureApi.Caller caller)"))
            {
                if (spec.Owner is not null)
                {
                    writer.Line($"{Data}.Db.Parameter(command, \"@owner\", caller.Subject, global::System.Data.DbType.String);");
                }

                if (spec.Tenant is not null)
                {
                    writer.Line($"{Data}.Db.Parameter(command, \"@tenant\", caller.Tenant ?? throw new {Data}.MissingTenantException(), global::System.Data.DbType.String);");
                }
            }
        }
    }

    private static void EmitAdminStore(SourceWriter writer, ResourceSpec spec)
    {
        var type = spec.FullyQualifiedName;
        writer.Line($"/// <summary>");
        writer.Line($"/// Unscoped access to every <see cref=\"{spec.TypeName}\"/> row, for administration. SecureApi refuses (SAPI011) an endpoint");
        writer.Line($"/// that uses it without requiring a role. Encrypted members are never decrypted here.");
        writer.Line($"/// </summary>");
        using (writer.Block($"public sealed class {spec.AdminStoreName}({Data}.SecureApiDatabase database, {Data}.CursorProtector cursors)"))
        {
            EmitAllowLists(writer, spec);
            using (writer.Block($"public async global::System.Threading.Tasks.Task<{type}?> FindAsync({spec.Key.TypeName} key, {Token} cancellationToken = default)"))
            {
                writer.Line("await using var connection = await database.OpenAsync(cancellationToken);");
                writer.Line($"await using var command = {Data}.Db.Command(connection, {Sql(spec)}.AdminSelectByKey);");
                writer.Line($"{Data}.Db.Parameter(command, \"@key\", key, {StoreSql.DbType(spec.Key)});");
                writer.Line("await using var reader = await command.ExecuteReaderAsync(cancellationToken);");
                writer.Line($"return await reader.ReadAsync(cancellationToken) ? {Rows(spec)}.Read(reader, encryption: null) : null;");
            }

            writer.Line();
            EmitList(writer, spec, scoped: false);
            writer.Line();
            EmitDelete(writer, spec, scoped: false);
        }
    }

    private static void EmitAllowLists(SourceWriter writer, ResourceSpec spec)
    {
        writer.Line($"private static readonly string[] s_sortable = [{string.Join(", ", spec.Columns.Where(c => c.Sortable).Select(c => Names.Literal(c.JsonName)))}];");
        writer.Line($"private static readonly string[] s_filterable = [{string.Join(", ", spec.Columns.Where(c => c.Filterable).Select(c => Names.Literal(c.JsonName)))}];");
        writer.Line();
    }

    private static void EmitList(SourceWriter writer, ResourceSpec spec, bool scoped)
    {
        var type = spec.FullyQualifiedName;
        var callerParameter = scoped ? "global::SecureApi.Caller caller, " : "";
        writer.Line("/// <summary>One page, in key order or by an allowed sort member, with allowed equality filters; the cursor is signed for this caller and query.</summary>");
        using (writer.Block($"public async global::System.Threading.Tasks.Task<{Data}.Page<{type}>> ListAsync({callerParameter}{Data}.PageRequest request, {Token} cancellationToken = default)"))
        {
            writer.Line($"var limit = {Data}.Lists.Limit(request);");
            writer.Line($"var (sort, descending) = {Data}.Lists.Sort(request, s_sortable);");
            writer.Line($"{Data}.Lists.CheckFilters(request, s_filterable);");
            var owner = scoped && spec.Owner is not null ? "caller.Subject" : "null";
            var tenant = scoped && spec.Tenant is not null ? "caller.Tenant" : "null";
            writer.Line($"var scope = {Data}.Lists.Scope({Names.Literal(scoped ? spec.Table : spec.Table + "#admin")}, {owner}, {tenant}, request, sort, descending);");
            writer.Line($"var after = {Data}.Lists.OpenCursor(cursors, request, scope);");
            using (writer.Block("var sql = (sort, descending) switch", ";"))
            {
                foreach (var sort in SortOptions(spec))
                {
                    foreach (var descending in new[] { false, true })
                    {
                        var pattern = sort is null ? "null" : Names.Literal(sort.JsonName);
                        writer.Line($"({pattern}, {(descending ? "true" : "false")}) => {Sql(spec)}.{StoreSql.ListName(scoped, sort, descending)},");
                    }
                }

                writer.Line($"_ => throw new {Data}.InvalidListRequestException(\"sort\", \"Unknown sort.\"),");
            }

            writer.Line();
            writer.Line("await using var connection = await database.OpenAsync(cancellationToken);");
            writer.Line($"await using var command = {Data}.Db.Command(connection, sql);");
            if (scoped)
            {
                writer.Line("AddScope(command, caller);");
            }

            foreach (var filter in spec.Columns.Where(c => c.Filterable))
            {
                var parse = filter.Kind == ColumnKind.Enum
                    ? $"{Data}.Lists.FilterEnum<{filter.TypeName.TrimEnd('?')}>(request, {Names.Literal(filter.JsonName)})"
                    : $"{Data}.Lists.Filter<{filter.TypeName.TrimEnd('?')}>(request, {Names.Literal(filter.JsonName)})";
                writer.Line($"{Data}.Db.Parameter(command, \"@f_{filter.Column}\", {parse}, {StoreSql.DbType(filter)});");
            }

            writer.Line($"{Data}.Db.Parameter(command, \"@after_key\", after is {{ }} afterKey ? {ParseText(spec.Key, "afterKey.Key")} : null, {StoreSql.DbType(spec.Key)});");
            writer.Line("var afterSort = after?.Sort;");
            var sortable = spec.Columns.Where(c => c.Sortable).ToList();
            if (sortable.Count > 0)
            {
                using (writer.Block("switch (sort)"))
                {
                    foreach (var sort in sortable)
                    {
                        writer.Line($"case {Names.Literal(sort.JsonName)}:");
                        writer.Indent();
                        writer.Line($"{Data}.Db.Parameter(command, \"@after_sort\", afterSort is null ? null : {ParseText(sort, "afterSort")}, {StoreSql.DbType(sort)});");
                        writer.Line("break;");
                        writer.Outdent();
                    }
                }
            }

            writer.Line($"{Data}.Db.Parameter(command, \"@limit\", limit + 1, global::System.Data.DbType.Int32); // one more tells whether a next page exists");
            writer.Line();
            writer.Line($"var items = new global::System.Collections.Generic.List<{type}>(limit + 1);");
            using (writer.Block("await using (var reader = await command.ExecuteReaderAsync(cancellationToken))"))
            {
                using (writer.Block("while (await reader.ReadAsync(cancellationToken))"))
                {
                    writer.Line($"items.Add({Rows(spec)}.Read(reader, {(scoped ? "encryption" : "encryption: null")}));");
                }
            }

            writer.Line();
            using (writer.Block("if (items.Count <= limit)"))
            {
                writer.Line($"return new {Data}.Page<{type}>(items, null);");
            }

            writer.Line();
            writer.Line("items.RemoveAt(items.Count - 1);");
            writer.Line("var last = items[^1];");
            using (writer.Block("var sortText = sort switch", ";"))
            {
                foreach (var sort in sortable)
                {
                    writer.Line($"{Names.Literal(sort.JsonName)} => {FormatText(sort, "last." + sort.PropertyName)},");
                }

                writer.Line("_ => \"\",");
            }

            writer.Line($"return new {Data}.Page<{type}>(items, {Data}.Lists.CloseCursor(cursors, scope, {FormatText(spec.Key, "last." + spec.Key.PropertyName)}, sortText));");
        }
    }

    private static void EmitCreate(SourceWriter writer, ResourceSpec spec)
    {
        var type = spec.FullyQualifiedName;
        writer.Line("/// <summary>Inserts the client data of <paramref name=\"draft\"/>; key, owner, tenant, version and stamps are set here, never taken from it.</summary>");
        using (writer.Block($"public async global::System.Threading.Tasks.Task<{type}> CreateAsync(global::SecureApi.Caller caller, {type} draft, {Token} cancellationToken = default)"))
        {
            if (!spec.SequentialKey)
            {
                writer.Line("var key = global::System.Guid.CreateVersion7(); // time-ordered, not guessable");
            }

            if (spec.Columns.Any(c => c.Role is ColumnRole.CreatedAt or ColumnRole.UpdatedAt))
            {
                writer.Line("var now = global::System.DateTimeOffset.UtcNow;");
            }

            writer.Line("await using var connection = await database.OpenAsync(cancellationToken);");
            writer.Line($"await using var command = {Data}.Db.Command(connection, {Sql(spec)}.Insert);");
            foreach (var column in StoreSql.InsertedColumns(spec))
            {
                var value = column.Role switch
                {
                    ColumnRole.Key => "key",
                    ColumnRole.Owner => "caller.Subject",
                    ColumnRole.Tenant => $"caller.Tenant ?? throw new {Data}.MissingTenantException()",
                    ColumnRole.Version => "1L",
                    ColumnRole.CreatedAt or ColumnRole.UpdatedAt => "now",
                    _ => StoreRowsEmitter.WriteValue(spec, column, "draft", spec.SequentialKey ? null : "key", "caller.Subject"),
                };
                writer.Line($"{Data}.Db.Parameter(command, \"@p_{column.Column}\", {value}, {StoreSql.DbType(column)});");
            }

            writer.Line("await using var reader = await command.ExecuteReaderAsync(cancellationToken);");
            writer.Line("await reader.ReadAsync(cancellationToken);");
            writer.Line($"return {Rows(spec)}.Read(reader, encryption);");
        }
    }

    private static void EmitUpdate(SourceWriter writer, ResourceSpec spec)
    {
        var type = spec.FullyQualifiedName;
        var versioned = spec.Version is not null;
        writer.Line(versioned
            ? "/// <summary>Writes the client data of <paramref name=\"changed\"/> if the row is the caller's and still at <paramref name=\"expectedVersion\"/>; a stale version throws <see cref=\"global::SecureApi.Data.ConcurrencyConflictException\"/> (412).</summary>"
            : "/// <summary>Writes the client data of <paramref name=\"changed\"/> if the row is the caller's.</summary>");
        using (writer.Block($"public async global::System.Threading.Tasks.Task<{type}?> UpdateAsync(global::SecureApi.Caller caller, {type} changed, long? expectedVersion, {Token} cancellationToken = default)"))
        {
            if (versioned)
            {
                writer.Line($"var expected = expectedVersion ?? throw new {Data}.PreconditionRequiredException();");
            }

            writer.Line("await using var connection = await database.OpenAsync(cancellationToken);");
            if (versioned)
            {
                writer.Line("await using var transaction = await connection.BeginTransactionAsync(cancellationToken); // the update and the conflict check see one state");
            }

            writer.Line($"{type}? updated;");
            using (writer.Block($"await using (var command = {Data}.Db.Command(connection, {Sql(spec)}.Update{(versioned ? ", transaction" : "")}))"))
            {
                writer.Line($"{Data}.Db.Parameter(command, \"@key\", changed.{spec.Key.PropertyName}, {StoreSql.DbType(spec.Key)});");
                writer.Line("AddScope(command, caller);");
                if (versioned)
                {
                    writer.Line($"{Data}.Db.Parameter(command, \"@expected\", expected, global::System.Data.DbType.Int64);");
                }

                if (spec.Columns.Any(c => c.Role == ColumnRole.UpdatedAt))
                {
                    writer.Line($"{Data}.Db.Parameter(command, \"@now\", global::System.DateTimeOffset.UtcNow, global::System.Data.DbType.DateTimeOffset);");
                }

                foreach (var column in spec.Columns.Where(c => c.IsClientData))
                {
                    writer.Line($"{Data}.Db.Parameter(command, \"@p_{column.Column}\", {StoreRowsEmitter.WriteValue(spec, column, "changed", spec.SequentialKey ? null : "changed." + spec.Key.PropertyName, "caller.Subject")}, {StoreSql.DbType(column)});");
                }

                writer.Line("await using var reader = await command.ExecuteReaderAsync(cancellationToken);");
                writer.Line($"updated = await reader.ReadAsync(cancellationToken) ? {Rows(spec)}.Read(reader, encryption) : null;");
            }

            writer.Line();
            if (versioned)
            {
                using (writer.Block("if (updated is null && await ExistsAsync(connection, transaction, caller, changed." + spec.Key.PropertyName + ", cancellationToken))"))
                {
                    writer.Line($"throw new {Data}.ConcurrencyConflictException(); // the row is the caller's, but it moved on");
                }

                writer.Line();
                writer.Line("await transaction.CommitAsync(cancellationToken);");
            }

            writer.Line("return updated;");
        }

        if (versioned)
        {
            writer.Line();
            EmitExists(writer, spec);
        }
    }

    private static void EmitExists(SourceWriter writer, ResourceSpec spec)
    {
        using (writer.Block($"private static async global::System.Threading.Tasks.Task<bool> ExistsAsync(global::System.Data.Common.DbConnection connection, global::System.Data.Common.DbTransaction? transaction, global::SecureApi.Caller caller, {spec.Key.TypeName} key, {Token} cancellationToken)"))
        {
            writer.Line($"await using var command = {Data}.Db.Command(connection, {Sql(spec)}.Exists, transaction);");
            writer.Line($"{Data}.Db.Parameter(command, \"@key\", key, {StoreSql.DbType(spec.Key)});");
            writer.Line("AddScope(command, caller);");
            writer.Line("return await command.ExecuteScalarAsync(cancellationToken) is not null;");
        }
    }

    private static void EmitDelete(SourceWriter writer, ResourceSpec spec, bool scoped)
    {
        var versioned = scoped && spec.Version is not null;
        var parameters = versioned ? $"global::SecureApi.Caller caller, {spec.Key.TypeName} key, long? expectedVersion = null, "
            : scoped ? $"global::SecureApi.Caller caller, {spec.Key.TypeName} key, " : $"{spec.Key.TypeName} key, ";
        writer.Line(versioned
            ? "/// <summary>Deletes the caller's row; false when there is none. With <paramref name=\"expectedVersion\"/>, a stale version throws (412).</summary>"
            : scoped ? "/// <summary>Deletes the caller's row; false when there is none.</summary>" : "/// <summary>Deletes any row; false when there is none.</summary>");
        using (writer.Block($"public async global::System.Threading.Tasks.Task<bool> DeleteAsync({parameters}{Token} cancellationToken = default)"))
        {
            writer.Line("await using var connection = await database.OpenAsync(cancellationToken);");
            writer.Line($"await using var command = {Data}.Db.Command(connection, {Sql(spec)}.{(scoped ? "Delete" : "AdminDelete")});");
            writer.Line($"{Data}.Db.Parameter(command, \"@key\", key, {StoreSql.DbType(spec.Key)});");
            if (scoped)
            {
                writer.Line("AddScope(command, caller);");
            }

            if (versioned)
            {
                writer.Line($"{Data}.Db.Parameter(command, \"@expected\", expectedVersion, global::System.Data.DbType.Int64);");
                writer.Line("var deleted = await command.ExecuteNonQueryAsync(cancellationToken) > 0;");
                using (writer.Block("if (!deleted && expectedVersion is not null && await ExistsAsync(connection, null, caller, key, cancellationToken))"))
                {
                    writer.Line($"throw new {Data}.ConcurrencyConflictException();");
                }

                writer.Line();
                writer.Line("return deleted;");
            }
            else
            {
                writer.Line("return await command.ExecuteNonQueryAsync(cancellationToken) > 0;");
            }
        }

        if (versioned && !spec.Columns.Any(c => c.IsClientData))
        {
            writer.Line();
            EmitExists(writer, spec); // the update did not emit it
        }
    }

    private static void EmitRegistration(SourceWriter writer, ResourceSpec spec)
    {
        writer.Line($"/// <summary>Adds the <c>{spec.Table}</c> table to the schema and its stores to DI when <c>AddSecureApi</c> runs.</summary>");
        using (writer.Block($"internal static class {spec.TypeName}ResourceRegistration"))
        {
            writer.Line("#pragma warning disable CA2255 // registering generated resources is what module initializers are for");
            writer.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
            using (writer.Block("internal static void Register()"))
            {
                writer.Line($"{Data}.ResourceRegistry.Register(new {Data}.ResourceRegistration(");
                writer.Indent();
                writer.Line($"{Names.Literal(spec.Table)},");
                writer.Line($"{Sql(spec)}.SqliteSchema,");
                writer.Line($"{Sql(spec)}.PostgreSqlSchema,");
                writer.Line("static services =>");
                writer.Line("{");
                writer.Indent();
                writer.Line($"global::Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton<{spec.StoreName}>(services);");
                writer.Line($"global::Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton<{spec.AdminStoreName}>(services);");
                writer.Outdent();
                writer.Line("}));");
                writer.Outdent();
            }

            writer.Line("#pragma warning restore CA2255");
        }
    }

    private static string Rows(ResourceSpec spec) => spec.TypeName + "Rows";

    /// <summary>Cursor text → typed value, for a key or sort column.</summary>
    private static string ParseText(ColumnSpec column, string text) => column.Kind switch
    {
        ColumnKind.String => text,
        ColumnKind.Enum => $"global::SecureApi.Data.Lists.Parse<int>({text})",
        ColumnKind.DateTimeOffset => $"global::SecureApi.Data.Lists.Parse<global::System.DateTimeOffset>({text})",
        _ => $"global::SecureApi.Data.Lists.Parse<{column.TypeName.TrimEnd('?')}>({text})",
    };

    /// <summary>Typed value → cursor text.</summary>
    private static string FormatText(ColumnSpec column, string value) => column.Kind switch
    {
        ColumnKind.String => value,
        ColumnKind.Enum => $"global::SecureApi.Data.Lists.Text((int){value})",
        ColumnKind.Boolean => $"({value} ? \"True\" : \"False\")",
        _ => $"global::SecureApi.Data.Lists.Text({value})",
    };
}

using System.Linq;
using SecureApi.Generators.Models;
using static SecureApi.Generators.Emitting.Stores.StoreNames;

namespace SecureApi.Generators.Emitting.Stores;

/// <summary>Emits <c>{T}Store</c>: find, list, create, update and delete, each one statement limited to the caller's rows.</summary>
internal static class ScopedStoreEmitter
{
    public static void Emit(SourceWriter writer, ResourceSpec spec, ResourceStatements sql)
    {
        var scopeDescription = (spec.Owner, spec.Tenant) switch
        {
            (not null, not null) => "the caller's own rows in the caller's tenant",
            (not null, null) => "the caller's own rows",
            (null, not null) => "the rows of the caller's tenant",
            _ => "the rows of this unowned resource",
        };
        writer.Line($"/// <summary>Reads and writes <see cref=\"{spec.TypeName}\"/>: every statement is limited to {scopeDescription}. Not yours and not found are the same <c>null</c>.</summary>");
        writer.Line(Names.GeneratedCodeAttribute);
        using (writer.Block($"public sealed class {spec.StoreName}({Data}.SecureApiDatabase database, {Data}.FieldEncryption encryption, {Data}.CursorProtector cursors, {AuditParameter})"))
        {
            ListEmitter.EmitAllowLists(writer, spec);
            FindEmitter.Emit(writer, spec, sql, scoped: true);

            writer.Line();
            ListEmitter.Emit(writer, spec, sql, scoped: true);
            writer.Line();
            EmitCreate(writer, spec, sql.Insert);
            if (sql.Update is { } update)
            {
                writer.Line();
                EmitUpdate(writer, spec, update, sql.Exists);
            }

            writer.Line();
            DeleteEmitter.Emit(writer, spec, sql, scoped: true);
            if (spec.Version is not null)
            {
                writer.Line();
                EmitExists(writer, spec, sql.Exists);
            }
        }
    }

    private static string KeyText(ResourceSpec spec) => spec.SequentialKey ? "\"\"" : "key.ToString()";

    private static void EmitCreate(SourceWriter writer, ResourceSpec spec, SqlStatement insert)
    {
        var members = StoreMethodParameters.CreateOrder(spec)
            .Select(c => $"{StoreMethodParameters.Type(c)} {StoreMethodParameters.Name(c)}{(c.IsNullable ? " = null" : "")}, ");
        writer.Line("/// <summary>");
        writer.Line("/// Inserts a row with the given client data; key, owner, tenant, version and stamps are set here. With an");
        writer.Line("/// <paramref name=\"idempotency\"/> key, the key is recorded with the row in one transaction and a retry returns that row.");
        writer.Line("/// </summary>");
        using (writer.Block($"public async {Task}<{spec.FullyQualifiedName}> CreateAsync({Caller} caller, {string.Concat(members)}{Data}.IdempotencyRequest? idempotency = null, {Token} cancellationToken = default)"))
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
            writer.Line("await using var write = await global::SecureApi.Infrastructure.IdempotentWrite.BeginAsync(database, connection, caller, idempotency, cancellationToken); // one transaction: the row, its Idempotency-Key if any, its audit record");
            using (writer.Block($"if (write.OriginalKey<{spec.Key.TypeName}>() is {{ }} original)"))
            {
                writer.Line($"return await FindAsync(caller, original, cancellationToken) ?? throw new {Data}.IdempotentResourceGoneException(); // a retry: the row the key's first request created");
            }

            writer.Line();
            writer.Line($"{spec.FullyQualifiedName} created;");
            using (writer.Block($"await using (var command = global::SecureApi.Infrastructure.Db.Command(connection, {Sql(spec)}.{insert.Name}, write.Transaction))"))
            {
                StatementBinder.Bind(writer, insert, parameter => parameter.Column!.Role switch
                {
                    ColumnRole.Key => "key",
                    ColumnRole.Owner => "caller.Subject",
                    ColumnRole.Tenant => StatementBinder.TenantOfCaller,
                    ColumnRole.Version => "1L",
                    ColumnRole.CreatedAt or ColumnRole.UpdatedAt => "now",
                    _ => StatementBinder.WriteValue(spec, parameter.Column, StoreMethodParameters.Name(parameter.Column), KeyText(spec)),
                });
                writer.Line($"created = await global::SecureApi.Infrastructure.Db.WrittenRowAsync(command, reader => {Rows(spec)}.Read(reader, encryption), cancellationToken); // a done write stays done if the connection then breaks");
            }

            writer.Line();
            writer.Line($"await write.CompleteAsync(created.{spec.Key.PropertyName}, audit, {Names.Literal(spec.Table)}, cancellationToken); // records the key (if any) and the audit record, and commits");
            writer.Line("return created;");
        }
    }

    private static void EmitUpdate(SourceWriter writer, ResourceSpec spec, SqlStatement update, SqlStatement exists)
    {
        var versioned = spec.Version is not null;
        var members = spec.Columns.Where(c => c.IsClientData)
            .Select(c => $"{Data}.Change<{StoreMethodParameters.Type(c)}> {StoreMethodParameters.Name(c)} = default, ");
        writer.Line(versioned
            ? "/// <summary>Sets the members given (<c>default</c> keeps one) in one statement if the row is the caller's and still at <paramref name=\"expectedVersion\"/>; a stale version throws <see cref=\"global::SecureApi.Data.ConcurrencyConflictException\"/> (412).</summary>"
            : "/// <summary>Sets the members given (<c>default</c> keeps one) in one statement if the row is the caller's.</summary>");
        var version = versioned ? "long? expectedVersion, " : "";
        using (writer.Block($"public async {Task}<{spec.FullyQualifiedName}?> UpdateAsync({Caller} caller, {spec.Key.TypeName} key, {version}{string.Concat(members)}{Token} cancellationToken = default)"))
        {
            writer.Line("await using var connection = await database.OpenAsync(cancellationToken);");
            if (versioned)
            {
                using (writer.Block("if (expectedVersion is not { } expected)"))
                {
                    writer.Line("// Another caller's row is not found (404) before it misses a precondition (428), as everywhere else.");
                    writer.Line($"return await ExistsAsync(connection, null, caller, key, cancellationToken) ? throw new {Data}.PreconditionRequiredException() : null;");
                }

                writer.Line();
            }

            writer.Line(versioned
                ? "await using var transaction = await connection.BeginTransactionAsync(cancellationToken); // the update, the conflict check and the audit record see one state"
                : "await using var transaction = await connection.BeginTransactionAsync(cancellationToken); // the update and its audit record commit together");
            writer.Line($"{spec.FullyQualifiedName}? updated;");
            using (writer.Block($"await using (var command = global::SecureApi.Infrastructure.Db.Command(connection, {Sql(spec)}.{update.Name}, transaction))"))
            {
                BindUpdate(writer, spec, update);
                writer.Line("await using var reader = await command.ExecuteReaderAsync(cancellationToken);");
                writer.Line($"updated = await reader.ReadAsync(cancellationToken) ? {Rows(spec)}.Read(reader, encryption) : null;");
            }

            writer.Line();
            using (writer.Block("if (updated is null)"))
            {
                if (versioned)
                {
                    using (writer.Block("if (await ExistsAsync(connection, transaction, caller, key, cancellationToken))"))
                    {
                        writer.Line($"throw new {Data}.ConcurrencyConflictException(); // the row is the caller's, but it moved on");
                    }

                    writer.Line();
                }

                writer.Line("return null;");
            }

            writer.Line();
            var changed = string.Join(", ", spec.Columns.Where(c => c.IsClientData)
                .Select(c => $"{StoreMethodParameters.Name(c)}.IsSet ? {Names.Literal(c.JsonName)} : null"));
            writer.Line($"await audit.AppendAsync(transaction, caller, {Names.Literal(spec.Table)}, {AuditKey}, {Audit}.AuditOperations.Update, {Audit}.AuditTrail.Members({changed}), cancellationToken); // names only, never values");
            writer.Line("await transaction.CommitAsync(cancellationToken);");
            LoadQuarantine(writer, spec, "[updated]"); // another caller's change leaves the author's quarantined text withheld from them
            writer.Line("return updated;");
        }
    }

    private static void BindUpdate(SourceWriter writer, ResourceSpec spec, SqlStatement update) =>
        StatementBinder.Bind(writer, update, parameter => parameter.Source switch
        {
            ParameterSource.Key => "key",
            ParameterSource.ExpectedVersion => "expected",
            ParameterSource.Now => "global::System.DateTimeOffset.UtcNow",
            ParameterSource.IsSet => StoreMethodParameters.Name(parameter.Column!) + ".IsSet",
            _ => StatementBinder.WriteValue(spec, parameter.Column!, StoreMethodParameters.Name(parameter.Column!) + ".Value", KeyText(spec)),
        });

    private static void EmitExists(SourceWriter writer, ResourceSpec spec, SqlStatement exists)
    {
        using (writer.Block($"private static async {Task}<bool> ExistsAsync(global::System.Data.Common.DbConnection connection, global::System.Data.Common.DbTransaction? transaction, {Caller} caller, {spec.Key.TypeName} key, {Token} cancellationToken)"))
        {
            writer.Line(Command(spec, exists, "transaction"));
            StatementBinder.Bind(writer, exists, StatementBinder.KeyOnly("key"));
            writer.Line("return await command.ExecuteScalarAsync(cancellationToken) is not null;");
        }
    }
}

using SecureApi.Generators.Models;
using static SecureApi.Generators.Emitting.Stores.StoreNames;

namespace SecureApi.Generators.Emitting.Stores;

/// <summary>Emits <c>FindAsync</c> of either store: the caller's store reads within the caller's scope and decrypts; the admin store does neither.</summary>
internal static class FindEmitter
{
    public static void Emit(SourceWriter writer, ResourceSpec spec, ResourceStatements sql, bool scoped)
    {
        var statement = scoped ? sql.SelectByKey : sql.AdminSelectByKey;
        var caller = scoped ? $"{Caller} caller, " : "";
        using (writer.Block($"public async {Task}<{spec.FullyQualifiedName}?> FindAsync({caller}{spec.Key.TypeName} key, {Token} cancellationToken = default)"))
        {
            writer.Line("await using var connection = await database.OpenAsync(cancellationToken);");
            var read = $"await reader.ReadAsync(cancellationToken) ? {Rows(spec)}.Read(reader, {(scoped ? "encryption" : "encryption: null")}) : null";
            if (!spec.HasQuarantinedMembers)
            {
                writer.Line(Command(spec, statement));
                StatementBinder.Bind(writer, statement, StatementBinder.KeyOnly("key"));
                writer.Line("await using var reader = await command.ExecuteReaderAsync(cancellationToken);");
                writer.Line($"return {read};");
                return;
            }

            writer.Line($"{spec.FullyQualifiedName}? found;");
            using (writer.Block($"await using (var command = global::SecureApi.Infrastructure.Db.Command(connection, {Sql(spec)}.{statement.Name}))"))
            {
                StatementBinder.Bind(writer, statement, StatementBinder.KeyOnly("key"));
                writer.Line("await using var reader = await command.ExecuteReaderAsync(cancellationToken);");
                writer.Line($"found = {read};");
            }

            writer.Line();
            using (writer.Block("if (found is not null)"))
            {
                LoadQuarantine(writer, spec, "[found]");
            }

            writer.Line();
            writer.Line("return found;");
        }
    }
}

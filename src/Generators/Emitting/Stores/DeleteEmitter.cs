using SecureApi.Generators.Models;
using static SecureApi.Generators.Emitting.Stores.StoreNames;

namespace SecureApi.Generators.Emitting.Stores;

/// <summary>Emits <c>DeleteAsync</c> of either store; the caller's store honours an expected version when given.</summary>
internal static class DeleteEmitter
{
    public static void Emit(SourceWriter writer, ResourceSpec spec, ResourceStatements sql, bool scoped)
    {
        var versioned = scoped && spec.Version is not null;
        var statement = scoped ? sql.Delete : sql.AdminDelete;
        var parameters = (scoped ? $"{Caller} caller, " : "") + $"{spec.Key.TypeName} key, " + (versioned ? "long? expectedVersion = null, " : "");
        writer.Line(versioned
            ? "/// <summary>Deletes the caller's row; false when there is none. With <paramref name=\"expectedVersion\"/>, a stale version throws (412).</summary>"
            : scoped ? "/// <summary>Deletes the caller's row; false when there is none.</summary>" : "/// <summary>Deletes any row; false when there is none.</summary>");
        using (writer.Block($"public async {Task}<bool> DeleteAsync({parameters}{Token} cancellationToken = default)"))
        {
            writer.Line("await using var connection = await database.OpenAsync(cancellationToken);");
            writer.Line("await using var transaction = await connection.BeginTransactionAsync(cancellationToken); // the delete and its audit record commit together");
            writer.Line("bool deleted;");
            using (writer.Block($"await using (var command = global::SecureApi.Infrastructure.Db.Command(connection, {Sql(spec)}.{statement.Name}, transaction))"))
            {
                StatementBinder.Bind(writer, statement, parameter => parameter.Source == ParameterSource.ExpectedVersion ? "expectedVersion" : "key");
                writer.Line("deleted = await command.ExecuteNonQueryAsync(cancellationToken) > 0;");
            }

            writer.Line();
            using (writer.Block("if (!deleted)"))
            {
                if (versioned)
                {
                    using (writer.Block("if (expectedVersion is not null && await ExistsAsync(connection, transaction, caller, key, cancellationToken))"))
                    {
                        writer.Line($"throw new {Data}.ConcurrencyConflictException();");
                    }

                    writer.Line();
                }

                writer.Line("return false;");
            }

            writer.Line();
            // The admin store has no caller parameter: the trail takes the request's caller.
            writer.Line($"await audit.AppendAsync(transaction, {(scoped ? "caller" : "null")}, {Names.Literal(spec.Table)}, {AuditKey}, {Audit}.AuditOperations.Delete, null, cancellationToken);");
            writer.Line("await transaction.CommitAsync(cancellationToken);");
            writer.Line("return true;");
        }
    }
}

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
            writer.Line(Command(spec, statement));
            StatementBinder.Bind(writer, statement, parameter => parameter.Source == ParameterSource.ExpectedVersion ? "expectedVersion" : "key");
            if (!versioned)
            {
                writer.Line("return await command.ExecuteNonQueryAsync(cancellationToken) > 0;");
                return;
            }

            writer.Line("var deleted = await command.ExecuteNonQueryAsync(cancellationToken) > 0;");
            using (writer.Block("if (!deleted && expectedVersion is not null && await ExistsAsync(connection, null, caller, key, cancellationToken))"))
            {
                writer.Line($"throw new {Data}.ConcurrencyConflictException();");
            }

            writer.Line();
            writer.Line("return deleted;");
        }
    }
}

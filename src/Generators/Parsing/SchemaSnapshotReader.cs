using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Parsing;

/// <summary>Reads the checked-in <c>secureapi.schema.json</c> (an AdditionalFiles item) into a <see cref="SchemaSnapshotFile"/>.</summary>
internal static class SchemaSnapshotReader
{
    public const string FileName = "secureapi.schema.json";

    public static bool IsSnapshot(string path) =>
        string.Equals(System.IO.Path.GetFileName(path), FileName, System.StringComparison.OrdinalIgnoreCase);

    public static SchemaSnapshotFile Read(string path, string? text)
    {
        if (text is null)
        {
            return new SchemaSnapshotFile(path, 0, null, "it cannot be read");
        }

        try
        {
            var root = MiniJsonReader.Read(text) as Dictionary<string, object?> ?? throw new MiniJsonException("it is not a JSON object");
            var version = Integer(root, "version") ?? throw new MiniJsonException("it has no \"version\"");
            // A hand-edited duplicate keeps its first entry, so the comparison can index by name.
            var tables = List(root, "resources").Select(Table).GroupBy(t => t.Table).Select(g => g.First()).OrderBy(t => t.Table, System.StringComparer.Ordinal);
            return new SchemaSnapshotFile(path, (int)version, new SchemaSpec(tables.ToEquatableArray()), null);
        }
        catch (MiniJsonException exception)
        {
            // The version still counts when the rest is damaged (a merge conflict, say): it must never go backwards.
            var version = Regex.Match(text, "\"version\"\\s*:\\s*(\\d{1,9})");
            return new SchemaSnapshotFile(path, version.Success ? int.Parse(version.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0, null, exception.Message);
        }
    }

    private static TableSchemaSpec Table(object? value)
    {
        var table = value as Dictionary<string, object?> ?? throw new MiniJsonException("a resource is not an object");
        var columns = List(table, "columns").Select(Column).GroupBy(c => c.Name).Select(g => g.First()).OrderBy(c => c.Name, System.StringComparer.Ordinal);
        return new TableSchemaSpec(Text(table, "table"), Text(table, "resource"), columns.ToEquatableArray());
    }

    private static ColumnSchemaSpec Column(object? value)
    {
        var column = value as Dictionary<string, object?> ?? throw new MiniJsonException("a column is not an object");
        return new ColumnSchemaSpec(
            Text(column, "name"),
            Text(column, "member"),
            Text(column, "kind"),
            Flag(column, "nullable"),
            Flag(column, "key"),
            Flag(column, "encrypted"),
            (int?)Integer(column, "maxLength"),
            Flag(column, "sortable"),
            Flag(column, "filterable"),
            Flag(column, "retired"),
            column.TryGetValue("renamedFrom", out var renamed) ? renamed as string : null);
    }

    private static List<object?> List(Dictionary<string, object?> owner, string name) =>
        owner.TryGetValue(name, out var value) && value is List<object?> items ? items : throw new MiniJsonException($"\"{name}\" is not a list");

    private static string Text(Dictionary<string, object?> owner, string name) =>
        owner.TryGetValue(name, out var value) && value is string text ? text : throw new MiniJsonException($"\"{name}\" is not a string");

    /// <summary>A missing flag is false, so an older snapshot without a newer flag still reads.</summary>
    private static bool Flag(Dictionary<string, object?> owner, string name) =>
        owner.TryGetValue(name, out var value) && value is true;

    private static long? Integer(Dictionary<string, object?> owner, string name) =>
        owner.TryGetValue(name, out var value) && value is long number ? number : null;
}

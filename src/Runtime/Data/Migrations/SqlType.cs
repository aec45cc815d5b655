namespace SecureApi.Data.Migrations;

/// <summary>
/// A column type split into its family and maximum length, so <c>text</c>, <c>character varying(100)</c> and
/// <c>VARCHAR(200)</c> compare as one family of strings whose lengths differ, not as three types.
/// </summary>
internal readonly record struct SqlType(string Family, int? Length)
{
    public static SqlType Parse(string type)
    {
        var trimmed = type.Trim().ToLowerInvariant();
        int? length = null;
        var open = trimmed.IndexOf('(', StringComparison.Ordinal);
        if (open > 0 && trimmed.EndsWith(')') &&
            int.TryParse(trimmed.AsSpan(open + 1, trimmed.Length - open - 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
        {
            length = n;
            trimmed = trimmed[..open].Trim();
        }

        var family = trimmed switch
        {
            "text" or "varchar" or "character varying" or "char" or "character" or "nvarchar" => "text",
            "int" or "int4" => "integer",
            "int8" => "bigint",
            "bool" => "boolean",
            "float8" => "double precision",
            "timestamptz" => "timestamp with time zone",
            _ => trimmed,
        };
        return new SqlType(family, length);
    }
}

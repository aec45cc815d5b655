namespace SecureApi.Monitoring;

/// <summary>
/// Bounds what a client controls before it reaches a log line: a request with a thousand unknown members, or one
/// member name a megabyte long, still makes one short detail.
/// </summary>
internal static class SecurityEventDetail
{
    public const int MaxNames = 10;
    public const int MaxNameLength = 64;

    /// <summary><c>a,b,c</c>; past <see cref="MaxNames"/> names, <c>…,+N more</c>; each name cut at <see cref="MaxNameLength"/>.</summary>
    public static string Names(IEnumerable<string> names)
    {
        var builder = new System.Text.StringBuilder();
        var count = 0;
        foreach (var name in names)
        {
            if (count < MaxNames)
            {
                if (count > 0)
                {
                    builder.Append(',');
                }

                builder.Append(Bounded(name));
            }

            count++;
        }

        if (count > MaxNames)
        {
            builder.Append(",+").Append((count - MaxNames).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(" more");
        }

        return builder.ToString();
    }

    /// <summary>One client-supplied name or id, cut at <see cref="MaxNameLength"/>.</summary>
    public static string Bounded(string value) => value.Length <= MaxNameLength ? value : string.Concat(value.AsSpan(0, MaxNameLength), "…");

    /// <summary>The request's route values, <c>id=42</c> (ids, never bodies or query values), each bounded.</summary>
    public static string RouteValues(Microsoft.AspNetCore.Http.HttpContext context)
    {
        var values = context.Request.RouteValues;
        return Names(values.Select(static pair => string.Concat(
            pair.Key, "=", Convert.ToString(pair.Value, System.Globalization.CultureInfo.InvariantCulture))));
    }
}

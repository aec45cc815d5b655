using System.Data;
using System.Data.Common;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SecureApi.Infrastructure;

namespace SecureApi.AiGuards.Screening;

/// <summary>
/// What one request may not see of the rows it read: for each row (resource and key) the quarantined members whose
/// author is someone else, when the caller is not a moderator (<see cref="UntrustedTextOptions.ModeratorRole"/> and a
/// person). The generated stores fill it as they read; the generated JSON metadata reads it as it writes, so such a
/// member goes out as null and the row names it in <c>quarantined</c>. Kept on the request, so it never outlives it.
/// </summary>
internal sealed class QuarantineView
{
    private readonly Dictionary<(string Resource, string Key), string[]> _withheld = [];

    public bool IsEmpty => _withheld.Count == 0;

    public static QuarantineView? Of(HttpContext? context) => context?.Features.Get<QuarantineView>();

    /// <summary>The members of the row withheld from this caller, or null when none is.</summary>
    public string[]? Withheld(string resource, string key) => _withheld.GetValueOrDefault((resource, key));

    /// <summary>
    /// Reads the quarantine records of <paramref name="keys"/> (rows just read, at most a page) and records what this
    /// request's caller may not see; a row read again (after an update) replaces what was recorded for it.
    /// </summary>
    public static async ValueTask LoadAsync(HttpContext context, DbConnection connection, string resource, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return;
        }

        var caller = Caller.Find(context);
        var options = context.RequestServices.GetService<IOptionsMonitor<SecureApiOptions>>()?.CurrentValue.UntrustedText ?? new UntrustedTextOptions();
        if (caller is { ClientKind: ClientKind.User } && options.ModeratorRole is { Length: > 0 } role && caller.IsInRole(role))
        {
            return; // a moderator sees quarantined text: reviewing it is the job
        }

        var withheld = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await using (var command = Db.Command(connection, ListForRows(keys.Count)))
        {
            Db.Parameter(command, "@resource", resource, DbType.String);
            for (var i = 0; i < keys.Count; i++)
            {
                Db.Parameter(command, "@k" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), keys[i], DbType.String);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (caller is null || reader.GetString(2) != caller.Subject)
                {
                    var key = reader.GetString(0);
                    if (!withheld.TryGetValue(key, out var members))
                    {
                        withheld[key] = members = [];
                    }

                    members.Add(reader.GetString(1));
                }
            }
        }

        var view = context.Features.Get<QuarantineView>();
        if (view is null)
        {
            if (withheld.Count == 0)
            {
                return; // nothing withheld, nothing recorded: the common case costs one query and no allocation per member
            }

            context.Features.Set(view = new QuarantineView());
        }

        foreach (var key in keys)
        {
            if (withheld.TryGetValue(key, out var members))
            {
                members.Sort(StringComparer.Ordinal);
                view._withheld[(resource, key)] = [.. members];
            }
            else
            {
                view._withheld.Remove((resource, key));
            }
        }
    }

    // Only parameter names are put together here, never a value: @k0 … @kN for the keys of one page.
    private static string ListForRows(int count)
    {
        var sql = new StringBuilder(QuarantineSql.ListForRows).Append(" (");
        for (var i = 0; i < count; i++)
        {
            sql.Append(i == 0 ? "@k" : ", @k").Append(i);
        }

        return sql.Append(')').ToString();
    }
}

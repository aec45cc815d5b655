using System.ComponentModel;
using System.Data.Common;
using Microsoft.AspNetCore.Http;
using SecureApi.AiGuards.Screening;

namespace SecureApi.Infrastructure;

/// <summary>
/// Quarantined text kept from readers other than its author and moderators. A generated store of a resource with
/// <c>[UntrustedText(UntrustedTextMode.Quarantine)]</c> members calls <see cref="LoadAsync"/> for the rows it read;
/// the generated JSON metadata of the resource reads such a member through <see cref="Read"/> (null when withheld) and
/// writes <see cref="Withheld"/> as the row's <c>quarantined</c> list. Outside a request nothing is withheld: there is
/// no reader to withhold it from.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class QuarantinedValues
{
    // ASP.NET Core's accessor keeps the current request in an AsyncLocal every instance shares (AddSecureApi registers it).
    private static readonly HttpContextAccessor s_requests = new();

    /// <summary>Records which quarantined members of <paramref name="rows"/> the current request's caller may not see.</summary>
    public static ValueTask LoadAsync<TRow>(DbConnection connection, string resource, IReadOnlyList<TRow> rows, Func<TRow, string> key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(key);
        if (s_requests.HttpContext is not { } context || rows.Count == 0)
        {
            return ValueTask.CompletedTask;
        }

        var keys = new string[rows.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = key(rows[i]);
        }

        return QuarantineView.LoadAsync(context, connection, resource, keys, cancellationToken);
    }

    /// <summary>The key's text as the quarantine records it (the audit trail's form).</summary>
    public static string Key<TKey>(TKey key) where TKey : IFormattable => InvariantText.Of(key);

    /// <summary>The member's value, or null when it is in quarantine and the caller may not see it.</summary>
    public static string? Read<TKey>(string? value, string resource, TKey key, string member) where TKey : IFormattable =>
        QuarantineView.Of(s_requests.HttpContext) is { IsEmpty: false } view && view.Withheld(resource, Key(key)) is { } withheld && Array.IndexOf(withheld, member) >= 0
            ? null
            : value;

    /// <summary>The members of the row withheld from the caller (JSON names, ordinal order), or null when none is.</summary>
    public static string[]? Withheld<TKey>(string resource, TKey key) where TKey : IFormattable =>
        QuarantineView.Of(s_requests.HttpContext) is { IsEmpty: false } view ? view.Withheld(resource, Key(key)) : null;
}

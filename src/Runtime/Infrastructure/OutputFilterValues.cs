using System.ComponentModel;
using Microsoft.AspNetCore.Http;
using SecureApi.AiGuards.OutputFiltering;

namespace SecureApi.Infrastructure;

/// <summary>
/// What the generated JSON metadata of a <c>[FilterOutput]</c> member reads instead of the member itself: the value
/// through the output firewall of the request being answered (any endpoint, generated or hand-written), or through
/// the default policy (redact everything) when the member is written outside a request.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class OutputFilterValues
{
    // ASP.NET Core's accessor keeps the current request in an AsyncLocal every instance shares (AddSecureApi registers it).
    private static readonly HttpContextAccessor s_requests = new();

    public static string? Filter(string? value) =>
        string.IsNullOrEmpty(value) ? value : OutputFilterRegistration.For(s_requests.HttpContext).FilterMember(value);
}

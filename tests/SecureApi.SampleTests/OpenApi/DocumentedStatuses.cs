namespace SecureApi.SampleTests.OpenApi;

/// <summary>
/// Whether a status is one the document lists for the operation a request reached. Requests that reach no operation
/// are judged by a short, explicit list: an unknown path is a 404 (a 401 when the request has no credentials: the
/// service authenticates before it says whether a path exists), a known path with another method a 405, the
/// document and its reference page are served outside the operations, and so is the security view (a page for admins).
/// </summary>
public sealed class DocumentedStatuses(OpenApiDescription document)
{
    /// <summary>The reference page and its assets, served under this path.</summary>
    public const string ReferencePagePath = "/scalar";

    /// <summary>The security view (its page, script, style and data), at <c>SecureApi:SecurityView:Path</c>'s default.</summary>
    public const string SecurityViewPath = "/admin/security";

    public OpenApiDescription Document => document;

    /// <summary>Null when the status is documented; otherwise why not, naming method, path, operation and status.</summary>
    /// <param name="anonymous">Whether the request carried no credentials (no API key, no Authorization header).</param>
    public string? Violation(string method, string path, int status, bool anonymous = false)
    {
        if (document.Match(method, path) is { } operation)
        {
            return operation.Lists(status)
                ? null
                : $"{method} {path} (operation {operation.Name}) answered {status}, which the OpenAPI document does not list for it (it lists {string.Join(", ", operation.ResponseKeys)}).";
        }

        if (IsServedOutsideOperations(method, path))
        {
            return status is 200 or 404 || (anonymous && status == 401) ? null : $"{method} {path} (served outside the operations) answered {status}, not 200 (Development) or 404.";
        }

        if (IsSecurityView(method, path))
        {
            return status is 200 or 401 or 403 ? null : $"{method} {path} (the security view, outside the operations) answered {status}, not 200, 401 or 403.";
        }

        var expected = document.HasPath(path) ? 405 : 404;
        return status == expected || (anonymous && status == 401)
            ? null
            : $"{method} {path} matches no operation of the OpenAPI document, so it must be a {expected}, but it answered {status}.";
    }

    /// <summary>The security view: a page for admins that the framework serves, not an operation of the API.</summary>
    private static bool IsSecurityView(string method, string path) =>
        string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase)
        && (string.Equals(path, SecurityViewPath, StringComparison.OrdinalIgnoreCase) || path.StartsWith(SecurityViewPath + "/", StringComparison.OrdinalIgnoreCase));

    /// <summary>The document and the reference page (with its assets): served by the framework in Development, unknown routes (404) elsewhere.</summary>
    private static bool IsServedOutsideOperations(string method, string path) =>
        string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase)
        && (string.Equals(path, SampleDocument.Path, StringComparison.OrdinalIgnoreCase)
            || string.Equals(path, ReferencePagePath, StringComparison.OrdinalIgnoreCase)
            || path.StartsWith(ReferencePagePath + "/", StringComparison.OrdinalIgnoreCase));
}

/// <summary>A response whose status the OpenAPI document does not list for its operation.</summary>
public sealed class UndocumentedStatusException(string message) : Exception(message);

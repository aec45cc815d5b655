namespace SecureApi.SampleTests.OpenApi;

/// <summary>
/// Whether a status is one the document lists for the operation a request reached. Requests that reach no operation
/// are judged by a short, explicit list: an unknown path is a 404, a known path with another method a 405, and the
/// document and its reference page are served outside the operations.
/// </summary>
public sealed class DocumentedStatuses(OpenApiDescription document)
{
    /// <summary>Paths the framework serves outside the document's operations (Development only), with the one status they give.</summary>
    private static readonly IReadOnlyList<(string Method, string Path, int Status)> ServedOutsideOperations =
    [
        ("GET", "/openapi/v1.json", 200),
    ];

    public OpenApiDescription Document => document;

    /// <summary>Null when the status is documented; otherwise why not, naming method, path, operation and status.</summary>
    public string? Violation(string method, string path, int status)
    {
        if (document.Match(method, path) is { } operation)
        {
            return operation.Lists(status)
                ? null
                : $"{method} {path} (operation {operation.Name}) answered {status}, which the OpenAPI document does not list for it (it lists {string.Join(", ", operation.ResponseKeys)}).";
        }

        if (ServedOutsideOperations.Any(s => string.Equals(s.Method, method, StringComparison.OrdinalIgnoreCase) && string.Equals(s.Path, path, StringComparison.OrdinalIgnoreCase)))
        {
            var served = ServedOutsideOperations.Single(s => string.Equals(s.Path, path, StringComparison.OrdinalIgnoreCase));
            return status == served.Status ? null : $"{method} {path} (served outside the operations) answered {status}, not {served.Status}.";
        }

        var expected = document.HasPath(path) ? 405 : 404;
        return status == expected
            ? null
            : $"{method} {path} matches no operation of the OpenAPI document, so it must be a {expected}, but it answered {status}.";
    }
}

/// <summary>A response whose status the OpenAPI document does not list for its operation.</summary>
public sealed class UndocumentedStatusException(string message) : Exception(message);

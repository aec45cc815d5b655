using Microsoft.Extensions.Hosting;
using SecureApi.OpenApi;
using SecureApi.SecurityView;

namespace SecureApi.Inventory;

/// <summary>
/// The routes SecureApi maps from configuration rather than from declared endpoints — the OpenAPI document, its
/// reference page and the security view — each served or not by the very predicates <c>UseSecureApi</c> maps with, so
/// the inventory cannot disagree with the service it describes.
/// </summary>
internal static class FrameworkEndpoints
{
    public static IReadOnlyList<InventoryFrameworkEndpoint> Describe(SecureApiOptions options, IHostEnvironment environment)
    {
        var document = OpenApiEndpoints.IsEnabled(options.OpenApi, environment);
        var documentWhy = Why("SecureApi:OpenApi:Enabled", options.OpenApi.Enabled, environment);
        var page = OpenApiEndpoints.IsReferencePageEnabled(options.OpenApi, environment);
        var pageWhy = !ReferencePageFeature.IsSupported ? ReferencePageFeature.PropertyName + " = false: left out of this build"
            : document ? Why("SecureApi:OpenApi:ReferencePage", options.OpenApi.ReferencePage, environment) : "needs the document: " + documentWhy;
        var view = SecurityViewEndpoints.IsEnabled(options.SecurityView, environment);
        var viewWhy = Why("SecureApi:SecurityView:Enabled", options.SecurityView.Enabled, environment);
        var viewPath = SecurityViewEndpoints.PagePath(options.SecurityView);

        List<InventoryFrameworkEndpoint> endpoints =
        [
            Anonymous(OpenApiEndpoints.DocumentPattern,
                $"OpenAPI document ({OpenApiEndpoints.DocumentPattern.Replace("{documentName}", OpenApiEndpoints.DocumentName, StringComparison.Ordinal)})", document, documentWhy),
        ];
        endpoints.AddRange(OpenApiEndpoints.ReferencePageRoutes.Select((route, i) =>
            Anonymous(route, i == 0 ? "Scalar API reference page" : "Scalar reference page asset", page, pageWhy)));
        endpoints.Add(Admin(viewPath, "security view page"));
        endpoints.Add(Admin(viewPath + "/" + SecurityViewEndpoints.ScriptName, "security view script"));
        endpoints.Add(Admin(viewPath + "/" + SecurityViewEndpoints.StyleName, "security view style"));
        endpoints.Add(Admin(viewPath + "/" + SecurityViewEndpoints.DataName, "security view data (requests, denied callers, blocks, audit)"));
        return endpoints;

        InventoryFrameworkEndpoint Admin(string route, string what) =>
            new("GET", route, what, InventoryFrameworkEndpoint.Admin, view, viewWhy, Anonymous: false, options.SecurityView.Role, [nameof(ClientKind.User)]);
    }

    // The document describes the API to whoever may call it, so it and its reference page are anonymous when served.
    private static InventoryFrameworkEndpoint Anonymous(string route, string what, bool served, string why) =>
        new("GET", route, what, InventoryFrameworkEndpoint.Documentation, served, why, Anonymous: true, Role: null, ClientKinds: []);

    private static string Why(string setting, bool? value, IHostEnvironment environment) => value is { } set
        ? setting + " = " + (set ? "true" : "false")
        : setting + " unset: Development only; environment " + environment.EnvironmentName;
}

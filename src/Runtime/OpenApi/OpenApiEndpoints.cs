using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Scalar.AspNetCore;

namespace SecureApi.OpenApi;

/// <summary>
/// Serves the OpenAPI document at <c>/openapi/v1.json</c> and the Scalar reference page at <c>/scalar</c>: both in
/// Development only unless <c>SecureApi:OpenApi</c> says otherwise, both anonymous (the document describes the API to
/// whoever may call it; what it protects is enforced by the endpoints, not hidden by the document).
/// </summary>
internal static class OpenApiEndpoints
{
    public const string DocumentName = "v1";
    public const string DocumentPattern = "/openapi/{documentName}.json";
    public const string ReferencePagePath = "/scalar";

    /// <summary>
    /// The routes <c>MapScalarApiReference(ReferencePagePath)</c> maps (Scalar.AspNetCore 2.19): the page and its assets.
    /// Listed for the security inventory, which is written without mapping; the sample suite fails when an upgrade changes them.
    /// </summary>
    public static readonly string[] ReferencePageRoutes =
        [ReferencePagePath + "/{documentName?}", ReferencePagePath + "/scalar.js", ReferencePagePath + "/scalar.aspnetcore.js", ReferencePagePath + "/favicon.svg"];

    public static bool IsEnabled(OpenApiOptions options, IHostEnvironment environment) =>
        options.Enabled ?? environment.IsDevelopment();

    /// <summary>Never in a build that left the page out (<c>SecureApiOpenApiReferencePage</c> = false).</summary>
    public static bool IsReferencePageEnabled(OpenApiOptions options, IHostEnvironment environment) =>
        ReferencePageFeature.IsSupported && IsEnabled(options, environment) && (options.ReferencePage ?? environment.IsDevelopment());

    public static void Map(IEndpointRouteBuilder endpoints, OpenApiOptions options, IHostEnvironment environment)
    {
        endpoints.MapOpenApi(DocumentPattern).AllowAnonymous();
        // The switch itself, not only inside IsReferencePageEnabled: trimming drops Scalar where it sees the constant.
        if (ReferencePageFeature.IsSupported && IsReferencePageEnabled(options, environment))
        {
            // Scalar serves its script from this service (no CDN), with telemetry and the CDN fonts turned off; its
            // routes alone get the page's Content-Security-Policy.
            endpoints.MapScalarApiReference(ReferencePagePath, scalar => scalar
                    .WithOpenApiRoutePattern(DocumentPattern)
                    .DisableTelemetry()
                    .DisableDefaultFonts()
                    .WithNonce()) // a fresh nonce per response, on its script tags and in the page's CSP
                .AllowAnonymous()
                .WithMetadata(ReferencePageMetadata.Instance);
        }
    }
}

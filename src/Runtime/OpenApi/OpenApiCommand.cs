using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace SecureApi.OpenApi;

/// <summary>
/// <c>openapi [file]</c>: writes the OpenAPI document, as <c>/openapi/v1.json</c> serves it, without starting the host —
/// no server, no hosted services, so no database file is created and no connection is made. The sample's build runs it
/// (an MSBuild target) to leave the document beside the binaries for gateways and client generators.
/// </summary>
internal static class OpenApiCommand
{
    public const string Name = "openapi";

    public static async Task<int> RunAsync(WebApplication app, IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (args.Count > 2)
        {
            await error.WriteLineAsync("usage: openapi [file]   (writes the OpenAPI document to the file, or to standard output)");
            return 2;
        }

        // The endpoints the generated MapSecureApi maps, exactly as when serving.
        IEndpointRouteBuilder endpoints = app;
        foreach (var map in Infrastructure.EndpointMaps.Snapshot())
        {
            map(endpoints);
        }

        // Publishes the mapped endpoints to the EndpointDataSource the document reads, as starting the app would.
        app.UseRouting();
        app.UseEndpoints(static _ => { });

        var provider = app.Services.GetRequiredKeyedService<IOpenApiDocumentProvider>(OpenApiEndpoints.DocumentName);
        var document = await provider.GetOpenApiDocumentAsync();
        var json = await Serialize(document);
        if (args.Count == 2)
        {
            var path = Path.GetFullPath(args[1]);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, json);
            await error.WriteLineAsync("OpenAPI document written to " + path);
        }
        else
        {
            await output.WriteAsync(json);
        }

        return 0;
    }

    /// <summary>As <c>MapOpenApi</c> writes it: OpenAPI 3.1, indented JSON.</summary>
    private static async Task<string> Serialize(OpenApiDocument document)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        document.SerializeAsV31(new OpenApiJsonWriter(writer));
        await writer.FlushAsync();
        return writer.ToString();
    }
}

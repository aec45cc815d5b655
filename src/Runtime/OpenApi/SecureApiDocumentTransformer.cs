using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using SecureApi.Infrastructure;

namespace SecureApi.OpenApi;

/// <summary>
/// Writes the generated endpoints into the OpenAPI document. ApiExplorer cannot see them (they are plain request
/// delegates without a <c>MethodInfo</c>), and inferring parameters and schemas by reflection would have to be corrected
/// anyway: the generator already knows every constraint, owner, role, scope, limit and answer exactly. So each endpoint
/// carries the generator's <see cref="OperationDescription"/>, and this transformer turns those plain descriptions into
/// paths, operations and component schemas — adding what only the running service knows (whether JWT is configured,
/// whether load shedding is on).
/// </summary>
internal sealed class SecureApiDocumentTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var services = context.ApplicationServices;
        var options = services.GetRequiredService<IOptions<SecureApiOptions>>().Value;
        var jwtConfigured = services.GetService<Authentication.JwtSettings>()?.IsConfigured ?? false;
        var definitions = services.GetServices<EndpointDataSource>()
            .SelectMany(source => source.Endpoints)
            .Select(endpoint => endpoint.Metadata.GetMetadata<EndpointDefinition>())
            .OfType<EndpointDefinition>()
            .Where(definition => definition.Operation is not null)
            .Distinct()
            .OrderBy(definition => definition.Route, StringComparer.Ordinal)
            .ThenBy(definition => definition.Method, StringComparer.Ordinal)
            .ToList();

        var writer = new OperationWriter(document, new OperationContext(options.LoadShedding.Enabled, jwtConfigured, options.MaxRequestBodyBytes, options.Cors.AllowedOrigins.Count > 0));
        writer.AddInfo(options);
        writer.AddComponents(definitions.Select(d => d.Operation!.Schemas).Distinct());
        foreach (var definition in definitions)
        {
            writer.Add(definition);
        }

        return Task.CompletedTask;
    }
}

/// <summary>What the running service adds to the generator's descriptions.</summary>
/// <param name="CrossOrigin">SecureApi:Cors:AllowedOrigins names an origin: answers to it carry Access-Control-Allow-Origin.</param>
internal sealed record OperationContext(bool LoadSheddingEnabled, bool JwtConfigured, long DefaultMaxBodyBytes, bool CrossOrigin);

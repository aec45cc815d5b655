using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.OpenApi;
using SecureApi.Infrastructure;

namespace SecureApi.OpenApi;

/// <summary>The operation's parameters: route, query and header values, the <c>PageRequest</c> set, <c>Idempotency-Key</c> and <c>If-Match</c>.</summary>
internal sealed partial class OperationWriter
{
    private IEnumerable<IOpenApiParameter> Parameters(EndpointDefinition definition, OperationDescription description)
    {
        foreach (var parameter in description.Parameters)
        {
            yield return new OpenApiParameter
            {
                Name = parameter.Name,
                In = parameter.Place switch
                {
                    ParameterPlace.Path => ParameterLocation.Path,
                    ParameterPlace.Header => ParameterLocation.Header,
                    _ => ParameterLocation.Query,
                },
                Required = parameter.Place == ParameterPlace.Path || parameter.Required,
                Description = parameter.Description,
                Schema = SchemaWriter.Write(parameter.Schema, document),
            };
        }

        if ((description.Answers & OperationAnswers.Idempotent) != 0)
        {
            yield return new OpenApiParameter
            {
                Name = "Idempotency-Key",
                In = ParameterLocation.Header,
                Description = "A retry with the same key and body returns the first result instead of creating again.",
                Schema = SchemaWriter.Write(new SchemaDescription { Type = "string", MinLength = 1, MaxLength = RequestBinding.MaxIdempotencyKeyLength, Pattern = "^[\\x21-\\x7E]+$" }, document),
            };
        }

        if ((description.Answers & (OperationAnswers.IfMatchRequired | OperationAnswers.IfMatchHonoured)) != 0)
        {
            var required = (description.Answers & OperationAnswers.IfMatchRequired) != 0;
            yield return new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Required = required,
                Description = required
                    ? "The ETag of the version this change is based on (or *): 428 without it, 412 when the resource has changed since or the tag is not one this service issued."
                    : "The ETag of the version to delete (or *): 412 when the resource has changed since or the tag is not one this service issued.",
                Schema = SchemaWriter.Write(new SchemaDescription { Type = "string", MaxLength = ETags.MaxIfMatchLength }, document),
            };
        }

        if (description.Page is { } page)
        {
            foreach (var parameter in PageParameters(page))
            {
                yield return parameter;
            }
        }
    }


    private IEnumerable<IOpenApiParameter> PageParameters(PageDescription page)
    {
        yield return new OpenApiParameter
        {
            Name = "limit",
            In = ParameterLocation.Query,
            Description = "Items per page.",
            Schema = SchemaWriter.Write(new SchemaDescription
            {
                Type = "integer",
                Format = "int32",
                Minimum = "1",
                Maximum = SecureApi.Data.PageRequest.MaxLimit.ToString(CultureInfo.InvariantCulture),
            }, document),
        };
        yield return new OpenApiParameter
        {
            Name = "cursor",
            In = ParameterLocation.Query,
            Description = "The previous page's nextCursor: signed, and valid only for the caller it was given to.",
            Schema = SchemaWriter.Write(new SchemaDescription { Type = "string", MaxLength = 2048, Pattern = RequestBinding.CursorPattern }, document),
        };
        yield return new OpenApiParameter
        {
            Name = "sort",
            In = ParameterLocation.Query,
            Description = "A sortable member, '-' first for descending; key order when absent.",
            Schema = SchemaWriter.Write(
                page.AllowListsKnown
                    ? new SchemaDescription { Type = "string", Enum = [.. page.Sortable.SelectMany(name => new[] { name, "-" + name })] }
                    : new SchemaDescription { Type = "string", MaxLength = 64, Pattern = "^-?[A-Za-z0-9_]+$" },
                document),
        };
        foreach (var filter in page.Filterable)
        {
            yield return new OpenApiParameter
            {
                Name = "filter." + filter.Name,
                In = ParameterLocation.Query,
                Description = "Only items whose " + filter.Name + " equals this value.",
                Schema = SchemaWriter.Write(filter.Schema, document),
            };
        }
    }
}

using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace SecureApi.Generators.Parsing;

/// <summary>
/// The types the parser recognises, resolved once per compilation (as System.Text.Json's <c>KnownTypeSymbols</c> and
/// ASP.NET Core's <c>WellKnownTypes</c> do) and compared with <see cref="SymbolEqualityComparer"/>, never by display string.
/// Each metadata name is written here and nowhere else. A type the compilation does not reference is null and matches nothing.
/// </summary>
internal sealed class KnownTypes
{
    /// <summary>Metadata names the pipeline needs before it has a compilation (<c>ForAttributeWithMetadataName</c>).</summary>
    public const string EndpointsAttributeName = "SecureApi.EndpointsAttribute";
    public const string ResourceAttributeName = "SecureApi.ResourceAttribute";

    private static readonly ConditionalWeakTable<Compilation, KnownTypes> s_cache = new();

    public static KnownTypes For(Compilation compilation) => s_cache.GetValue(compilation, static c => new KnownTypes(c));

    private KnownTypes(Compilation compilation)
    {
        INamedTypeSymbol? Get(string metadataName) => compilation.GetTypeByMetadataName(metadataName);

        EndpointsAttribute = Get(EndpointsAttributeName);
        ResourceAttribute = Get(ResourceAttributeName);
        EndpointAttribute = Get("SecureApi.EndpointAttribute");
        var httpMethods = new Dictionary<INamedTypeSymbol, string>(SymbolEqualityComparer.Default);
        foreach (var (name, method) in new[] { ("GetAttribute", "GET"), ("PostAttribute", "POST"), ("PutAttribute", "PUT"), ("PatchAttribute", "PATCH"), ("DeleteAttribute", "DELETE") })
        {
            if (Get("SecureApi." + name) is { } verb)
            {
                httpMethods[verb] = method;
            }
        }

        HttpMethods = httpMethods;
        MaxBodySizeAttribute = Get("SecureApi.MaxBodySizeAttribute");
        RateLimitAttribute = Get("SecureApi.RateLimitAttribute");
        RequireRoleAttribute = Get("SecureApi.RequireRoleAttribute");
        RequireScopeAttribute = Get("SecureApi.RequireScopeAttribute");
        RequireClientKindAttribute = Get("SecureApi.RequireClientKindAttribute");
        AllowUnknownQueryAttribute = Get("SecureApi.AllowUnknownQueryAttribute");
        ExemptFromLoadSheddingAttribute = Get("SecureApi.ExemptFromLoadSheddingAttribute");
        DisableRateLimitingAttribute = Get("Microsoft.AspNetCore.RateLimiting.DisableRateLimitingAttribute");
        SuppressMessageAttribute = Get("System.Diagnostics.CodeAnalysis.SuppressMessageAttribute");
        UnconditionalSuppressMessageAttribute = Get("System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessageAttribute");
        QueryAttribute = Get("SecureApi.QueryAttribute");
        ServiceAttribute = Get("SecureApi.ServiceAttribute");
        Caller = Get("SecureApi.Caller");
        PageRequest = Get("SecureApi.Data.PageRequest");
        Page = Get("SecureApi.Data.Page`1");
        KeyAttribute = Get("System.ComponentModel.DataAnnotations.KeyAttribute");
        ConcurrencyCheckAttribute = Get("System.ComponentModel.DataAnnotations.ConcurrencyCheckAttribute");
        OwnerAttribute = Get("SecureApi.OwnerAttribute");
        TenantAttribute = Get("SecureApi.TenantAttribute");
        ServerSetAttribute = Get("SecureApi.ServerSetAttribute");
        EncryptedAttribute = Get("SecureApi.EncryptedAttribute");
        SortableAttribute = Get("SecureApi.SortableAttribute");
        FilterableAttribute = Get("SecureApi.FilterableAttribute");
        SensitiveAttribute = Get("SecureApi.SensitiveAttribute");
        RenamedFromAttribute = Get("SecureApi.RenamedFromAttribute");
        RetiredAttribute = Get("SecureApi.RetiredAttribute");
        MigrationStepAttribute = Get("SecureApi.MigrationStepAttribute");
        DefaultValueAttribute = Get("System.ComponentModel.DefaultValueAttribute");
        UntrustedTextAttribute = Get("SecureApi.UntrustedTextAttribute");
        SequentialKeyAttribute = Get("SecureApi.SequentialKeyAttribute");
        FilterOutputAttribute = Get("SecureApi.FilterOutputAttribute");
        StringArray = compilation.CreateArrayTypeSymbol(compilation.GetSpecialType(SpecialType.System_String));

        AllowAnonymousAttribute = Get("Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute");
        AuthorizeAttribute = Get("Microsoft.AspNetCore.Authorization.AuthorizeAttribute");
        FromQueryMetadata = Get("Microsoft.AspNetCore.Http.Metadata.IFromQueryMetadata");
        FromRouteMetadata = Get("Microsoft.AspNetCore.Http.Metadata.IFromRouteMetadata");
        FromHeaderMetadata = Get("Microsoft.AspNetCore.Http.Metadata.IFromHeaderMetadata");
        FromServiceMetadata = Get("Microsoft.AspNetCore.Http.Metadata.IFromServiceMetadata");
        FromBodyMetadata = Get("Microsoft.AspNetCore.Http.Metadata.IFromBodyMetadata");
        HttpContext = Get("Microsoft.AspNetCore.Http.HttpContext");
        IResult = Get("Microsoft.AspNetCore.Http.IResult");
        CreatedResult = Get("Microsoft.AspNetCore.Http.HttpResults.Created`1");

        CancellationToken = Get("System.Threading.CancellationToken");
        Task = Get("System.Threading.Tasks.Task");
        ValueTask = Get("System.Threading.Tasks.ValueTask");
        TaskOfT = Get("System.Threading.Tasks.Task`1");
        ValueTaskOfT = Get("System.Threading.Tasks.ValueTask`1");
        Parsable = Get("System.IParsable`1");
        Guid = Get("System.Guid");
        DateTimeOffset = Get("System.DateTimeOffset");
        DateOnly = Get("System.DateOnly");
        TimeOnly = Get("System.TimeOnly");
        TimeSpan = Get("System.TimeSpan");
        Uri = Get("System.Uri");
        List = Get("System.Collections.Generic.List`1");
        ReadOnlyList = Get("System.Collections.Generic.IReadOnlyList`1");
        ReadOnlyCollection = Get("System.Collections.Generic.IReadOnlyCollection`1");
        Enumerable = Get("System.Collections.Generic.IEnumerable`1");
        JsonIgnoreAttribute = Get("System.Text.Json.Serialization.JsonIgnoreAttribute");
        JsonConstructorAttribute = Get("System.Text.Json.Serialization.JsonConstructorAttribute");

        var annotations = new Dictionary<INamedTypeSymbol, string>(SymbolEqualityComparer.Default);
        foreach (var name in new[]
                 {
                     "RequiredAttribute", "MaxLengthAttribute", "MinLengthAttribute", "LengthAttribute", "StringLengthAttribute", "RegularExpressionAttribute",
                     "EmailAddressAttribute", "RangeAttribute", "AllowedValuesAttribute", "DeniedValuesAttribute",
                 })
        {
            if (Get("System.ComponentModel.DataAnnotations." + name) is { } annotation)
            {
                annotations[annotation] = name;
            }
        }

        DataAnnotations = annotations;
    }

    public INamedTypeSymbol? EndpointsAttribute { get; }
    public INamedTypeSymbol? ResourceAttribute { get; }
    public INamedTypeSymbol? EndpointAttribute { get; }

    /// <summary>The verb attributes and the HTTP method each stands for.</summary>
    public IReadOnlyDictionary<INamedTypeSymbol, string> HttpMethods { get; }
    public INamedTypeSymbol? MaxBodySizeAttribute { get; }
    public INamedTypeSymbol? RateLimitAttribute { get; }
    public INamedTypeSymbol? RequireRoleAttribute { get; }
    public INamedTypeSymbol? RequireScopeAttribute { get; }
    public INamedTypeSymbol? RequireClientKindAttribute { get; }

    public INamedTypeSymbol? AllowUnknownQueryAttribute { get; }

    public INamedTypeSymbol? ExemptFromLoadSheddingAttribute { get; }

    /// <summary>ASP.NET Core's <c>[DisableRateLimiting]</c>: the explicit opt-out of the default limit (SAPI047).</summary>
    public INamedTypeSymbol? DisableRateLimitingAttribute { get; }

    public INamedTypeSymbol? SuppressMessageAttribute { get; }

    public INamedTypeSymbol? UnconditionalSuppressMessageAttribute { get; }
    public INamedTypeSymbol? QueryAttribute { get; }
    public INamedTypeSymbol? ServiceAttribute { get; }
    public INamedTypeSymbol? Caller { get; }
    public INamedTypeSymbol? PageRequest { get; }
    public INamedTypeSymbol? Page { get; }
    public INamedTypeSymbol? KeyAttribute { get; }
    public INamedTypeSymbol? ConcurrencyCheckAttribute { get; }
    public INamedTypeSymbol? OwnerAttribute { get; }
    public INamedTypeSymbol? TenantAttribute { get; }
    public INamedTypeSymbol? ServerSetAttribute { get; }
    public INamedTypeSymbol? EncryptedAttribute { get; }
    public INamedTypeSymbol? SortableAttribute { get; }
    public INamedTypeSymbol? FilterableAttribute { get; }
    public INamedTypeSymbol? SensitiveAttribute { get; }

    public INamedTypeSymbol? RenamedFromAttribute { get; }

    public INamedTypeSymbol? RetiredAttribute { get; }

    public INamedTypeSymbol? MigrationStepAttribute { get; }

    public INamedTypeSymbol? DefaultValueAttribute { get; }

    public INamedTypeSymbol? UntrustedTextAttribute { get; }

    /// <summary><c>string[]</c>: the <c>quarantined</c> list a resource with quarantined members writes.</summary>
    public IArrayTypeSymbol StringArray { get; }
    public INamedTypeSymbol? SequentialKeyAttribute { get; }

    /// <summary><c>[FilterOutput]</c>: on an endpoint (or its class), the response; on a string member, its text.</summary>
    public INamedTypeSymbol? FilterOutputAttribute { get; }
    public INamedTypeSymbol? AllowAnonymousAttribute { get; }
    public INamedTypeSymbol? AuthorizeAttribute { get; }

    /// <summary>The binding-source interfaces ASP.NET Core's own <c>[FromQuery]</c>, <c>[FromRoute]</c>, <c>[FromHeader]</c>, <c>[FromServices]</c> and <c>[FromBody]</c> implement.</summary>
    public INamedTypeSymbol? FromQueryMetadata { get; }
    public INamedTypeSymbol? FromRouteMetadata { get; }
    public INamedTypeSymbol? FromHeaderMetadata { get; }
    public INamedTypeSymbol? FromServiceMetadata { get; }
    public INamedTypeSymbol? FromBodyMetadata { get; }
    public INamedTypeSymbol? HttpContext { get; }
    public INamedTypeSymbol? IResult { get; }
    public INamedTypeSymbol? CreatedResult { get; }
    public INamedTypeSymbol? CancellationToken { get; }
    public INamedTypeSymbol? Task { get; }
    public INamedTypeSymbol? ValueTask { get; }
    public INamedTypeSymbol? TaskOfT { get; }
    public INamedTypeSymbol? ValueTaskOfT { get; }
    public INamedTypeSymbol? Parsable { get; }
    public INamedTypeSymbol? Guid { get; }
    public INamedTypeSymbol? DateTimeOffset { get; }
    public INamedTypeSymbol? DateOnly { get; }
    public INamedTypeSymbol? TimeOnly { get; }
    public INamedTypeSymbol? TimeSpan { get; }
    public INamedTypeSymbol? Uri { get; }
    public INamedTypeSymbol? List { get; }
    public INamedTypeSymbol? ReadOnlyList { get; }
    public INamedTypeSymbol? ReadOnlyCollection { get; }
    public INamedTypeSymbol? Enumerable { get; }
    public INamedTypeSymbol? JsonIgnoreAttribute { get; }
    public INamedTypeSymbol? JsonConstructorAttribute { get; }

    /// <summary>The data-annotation attributes the validator reads, by their simple names.</summary>
    public IReadOnlyDictionary<INamedTypeSymbol, string> DataAnnotations { get; }

    /// <summary>The data-annotation name of <paramref name="attribute"/> (<c>MaxLengthAttribute</c>), or null.</summary>
    public string? DataAnnotationName(AttributeData attribute) =>
        attribute.AttributeClass is { } type && DataAnnotations.TryGetValue(type, out var name) ? name : null;
}

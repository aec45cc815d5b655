namespace SecureApi.Generators.Parsing;

/// <summary>Metadata names the parser recognises.</summary>
internal static class KnownNames
{
    public const string EndpointsAttribute = "SecureApi.EndpointsAttribute";
    public const string EndpointAttribute = "SecureApi.EndpointAttribute";
    public const string MaxBodySizeAttribute = "SecureApi.MaxBodySizeAttribute";
    public const string RateLimitAttribute = "SecureApi.RateLimitAttribute";
    public const string RequireRoleAttribute = "SecureApi.RequireRoleAttribute";
    public const string AllowUnknownQueryAttribute = "SecureApi.AllowUnknownQueryAttribute";
    public const string QueryAttribute = "SecureApi.QueryAttribute";
    public const string ServiceAttribute = "SecureApi.ServiceAttribute";
    public const string Caller = "SecureApi.Caller";
    public const string AllowAnonymousAttribute = "Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute";
    public const string HttpContext = "Microsoft.AspNetCore.Http.HttpContext";
    public const string IResult = "Microsoft.AspNetCore.Http.IResult";
    public const string CreatedResult = "Microsoft.AspNetCore.Http.HttpResults.Created<TValue>";
    public const string CancellationToken = "System.Threading.CancellationToken";
    public const string Task = "System.Threading.Tasks.Task";
    public const string ValueTask = "System.Threading.Tasks.ValueTask";
    public const string TaskOfT = "System.Threading.Tasks.Task<TResult>";
    public const string ValueTaskOfT = "System.Threading.Tasks.ValueTask<TResult>";
    public const string Parsable = "System.IParsable<TSelf>";
    public const string JsonIgnoreAttribute = "System.Text.Json.Serialization.JsonIgnoreAttribute";
    public const string JsonConstructorAttribute = "System.Text.Json.Serialization.JsonConstructorAttribute";

    public const string DataAnnotations = "System.ComponentModel.DataAnnotations.";
}

namespace SecureApi.Generators.Emitting;

/// <summary>Names of the generated types and of the runtime members generated code calls.</summary>
internal static class Names
{
    public const string GeneratedNamespace = "SecureApi.Generated";
    public const string JsonContext = "SecureApiJsonContext";
    public const string Validators = "SecureApiValidators";
    public const string JsonContextInstance = "global::" + GeneratedNamespace + "." + JsonContext + ".Default";
    public const string ValidatorsType = "global::" + GeneratedNamespace + "." + Validators;

    public const string HttpContext = "global::Microsoft.AspNetCore.Http.HttpContext";
    public const string EndpointRequest = "global::SecureApi.Pipeline.EndpointRequest";
    public const string ETags = "global::SecureApi.Infrastructure.ETags";
    public const string GetService = "global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService";
    public const string Task = "global::System.Threading.Tasks.Task";
    public const string ValidationErrors = "global::SecureApi.Infrastructure.ValidationErrors";
    public const string Check = "global::SecureApi.Infrastructure.Check";
    public const string Binding = "global::SecureApi.Infrastructure.RequestBinding";
    public const string Responses = "global::SecureApi.Infrastructure.Responses";
    public const string Problems = "global::SecureApi.Infrastructure.Problems";
    public const string UntrustedTextScreen = "global::SecureApi.Infrastructure.UntrustedTextScreen";

    /// <summary>Marks every generated type, with the version of the generator that wrote it.</summary>
    public static readonly string GeneratedCodeAttribute =
        $"[global::System.CodeDom.Compiler.GeneratedCode(\"SecureApi\", \"{typeof(Names).Assembly.GetName().Version}\")]";

    public static string Literal(string value) => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(value, quote: true);
}

using System.Diagnostics.CodeAnalysis;

namespace SecureApi.OpenApi;

/// <summary>
/// Whether this build carries the Scalar reference page, from the app's MSBuild property <c>SecureApiOpenApiReferencePage</c>
/// (SecureApi.targets turns <c>false</c> into this runtime switch). Trimming and native AOT read it as a constant, so with
/// the page left out Scalar.AspNetCore and the page's embedded script fall away; the OpenAPI document stays.
/// </summary>
internal static class ReferencePageFeature
{
    public const string PropertyName = "SecureApiOpenApiReferencePage";
    public const string Switch = "SecureApi.OpenApi.ReferencePage.IsSupported";

    [FeatureSwitchDefinition(Switch)]
    public static bool IsSupported => !AppContext.TryGetSwitch(Switch, out var supported) || supported;
}

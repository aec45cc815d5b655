namespace SecureApi;

/// <summary>Takes a parameter from dependency injection instead of the request.</summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class ServiceAttribute : Attribute;

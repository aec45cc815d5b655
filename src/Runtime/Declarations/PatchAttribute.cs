namespace SecureApi;

/// <summary>An HTTP PATCH endpoint.</summary>
public sealed class PatchAttribute(string template = "") : EndpointAttribute("PATCH", template);

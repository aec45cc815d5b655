namespace SecureApi;

/// <summary>An HTTP PUT endpoint.</summary>
public sealed class PutAttribute(string template = "") : EndpointAttribute("PUT", template);

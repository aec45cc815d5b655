namespace SecureApi;

/// <summary>An HTTP POST endpoint.</summary>
public sealed class PostAttribute(string template = "") : EndpointAttribute("POST", template);

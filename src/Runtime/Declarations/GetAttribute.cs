namespace SecureApi;

/// <summary>An HTTP GET endpoint.</summary>
public sealed class GetAttribute(string template = "") : EndpointAttribute("GET", template);

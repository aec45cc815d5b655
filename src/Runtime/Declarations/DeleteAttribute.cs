namespace SecureApi;

/// <summary>An HTTP DELETE endpoint.</summary>
public sealed class DeleteAttribute(string template = "") : EndpointAttribute("DELETE", template);

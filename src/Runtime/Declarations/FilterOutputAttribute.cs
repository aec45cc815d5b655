namespace SecureApi;

/// <summary>
/// Passes output through the output firewall (<c>SecureApi:OutputFilter</c>) before it leaves the service: personal data
/// (e-mail addresses, phone numbers, payment cards, IBANs), credentials (API keys, cloud keys, JWTs, private keys,
/// connection strings) and script links are redacted, or the response refused, per kind.
/// On an endpoint (or its class), every string in the JSON response is filtered, and a refused kind withholds the whole
/// response (403 ProblemDetails). On a <c>string</c> member of a resource or response type, that member's text is
/// filtered wherever the type is written, by any endpoint; a refused kind there withholds the member's text.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method | AttributeTargets.Property | AttributeTargets.Parameter, Inherited = false)]
public sealed class FilterOutputAttribute : Attribute;

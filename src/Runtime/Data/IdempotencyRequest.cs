namespace SecureApi.Data;

/// <summary>
/// A create that carries an <c>Idempotency-Key</c> (IETF draft-ietf-httpapi-idempotency-key-header): the key, the
/// SHA-256 of the exact request body, and the endpoint it was sent to. A store's <c>CreateAsync</c> records it with the
/// new row in one transaction, so a retry returns the row first created instead of a second one.
/// </summary>
/// <param name="Key">The key the client sent (1–255 printable ASCII characters).</param>
/// <param name="Fingerprint">Lower-case hex SHA-256 of the request body bytes: the same key with another body is refused (422).</param>
/// <param name="Endpoint">The endpoint's name; keys are scoped to it and to the caller.</param>
public sealed record IdempotencyRequest(string Key, string Fingerprint, string Endpoint);

using System.ComponentModel;
using Microsoft.AspNetCore.Http;

namespace SecureApi.Infrastructure;

/// <summary>The outcome of reading a JSON body: the value, or the problem to answer with instead.</summary>
/// <param name="Fingerprint">Hex SHA-256 of the body bytes, when the reader was asked for it (an <c>Idempotency-Key</c> was sent).</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct JsonBodyResult<T>(T? Value, IResult? Problem, string? Fingerprint = null)
    where T : class;

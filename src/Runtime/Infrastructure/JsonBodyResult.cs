using System.ComponentModel;
using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SecureApi.Infrastructure;

namespace SecureApi.Infrastructure;

/// <summary>The outcome of reading a JSON body: the value, or the problem to answer with instead.</summary>
/// <param name="Fingerprint">Hex SHA-256 of the body bytes, when the reader was asked for it (an <c>Idempotency-Key</c> was sent).</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct JsonBodyResult<T>(T? Value, IResult? Problem, string? Fingerprint = null)
    where T : class;

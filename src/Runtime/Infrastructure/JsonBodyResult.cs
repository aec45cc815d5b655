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
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct JsonBodyResult<T>(T? Value, IResult? Problem)
    where T : class;

using System.ComponentModel;
using Microsoft.AspNetCore.Http;

namespace SecureApi.Infrastructure;

/// <summary>The outcome of reading a JSON body: the value, or the problem to answer with instead.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct JsonBodyResult<T>(T? Value, IResult? Problem)
    where T : class;

using Microsoft.AspNetCore.Authorization;
using SecureApi;

namespace SecureApi.MinimalService;

public sealed record Greeting(string Message);

/// <summary>The one endpoint: anonymous, no database.</summary>
[Endpoints(""), AllowAnonymous]
public sealed partial class HelloApi
{
    [Get("/hello")] public Greeting Hello() => new("hello");
}

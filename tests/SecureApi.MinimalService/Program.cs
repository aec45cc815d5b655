using Microsoft.AspNetCore.Authorization;
using SecureApi;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddSecureApi(builder.Configuration);
var app = builder.Build();
app.UseSecureApi();
app.MapSecureApi();
app.Run();

public sealed record Greeting(string Message);

[Endpoints(""), AllowAnonymous]
public sealed partial class HelloApi
{
    [Get("/hello")] public Greeting Hello() => new("hello");
}

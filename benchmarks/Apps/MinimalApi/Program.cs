using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SecureApi.Bench;

// Apps (3) and (4) of benchmarks/run.sh: one source, compiled without and with the Request Delegate Generator.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddBenchJwt(builder.Configuration);
builder.Services.AddBenchRateLimiter(builder.Configuration);
builder.Services.AddValidation();
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, BenchJsonContext.Default));
builder.Services.AddSingleton<BenchItemStore>();
var app = builder.Build();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();

app.MapGet("/items/{id}", async Task<Results<Ok<BenchItem>, NotFound>> (Guid id, ClaimsPrincipal user, BenchItemStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(user.FindFirst("sub")!.Value, id, cancellationToken) is { } item ? TypedResults.Ok(item) : TypedResults.NotFound())
    .RequireAuthorization();
app.MapPost("/items", async (NewBenchItem body, ClaimsPrincipal user, BenchItemStore store, CancellationToken cancellationToken) =>
    {
        var item = await store.CreateAsync(user.FindFirst("sub")!.Value, body.Name!, body.Quantity, cancellationToken);
        return TypedResults.Created("/items/" + item.Id.ToString(), item);
    })
    .RequireAuthorization();
app.MapAllocationProbe();
app.Run();

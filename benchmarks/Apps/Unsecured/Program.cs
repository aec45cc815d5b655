using Microsoft.AspNetCore.Http.HttpResults;
using SecureApi.Bench;

// App (6) of benchmarks/run.sh, the control: the same store, JSON and routes with no authentication, rate limit,
// validation or owner check. Every item is written as owned by "anonymous".
var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, BenchJsonContext.Default));
builder.Services.AddSingleton<BenchItemStore>();
var app = builder.Build();

app.MapGet("/items/{id}", async Task<Results<Ok<BenchItem>, NotFound>> (Guid id, BenchItemStore store, CancellationToken cancellationToken) =>
    await store.FindAnyAsync(id, cancellationToken) is { } item ? TypedResults.Ok(item) : TypedResults.NotFound());
app.MapPost("/items", async (NewBenchItem body, BenchItemStore store, CancellationToken cancellationToken) =>
{
    var item = await store.CreateAsync("anonymous", body.Name ?? "", body.Quantity, cancellationToken);
    return TypedResults.Created("/items/" + item.Id.ToString(), item);
});
app.MapAllocationProbe();
app.Run();

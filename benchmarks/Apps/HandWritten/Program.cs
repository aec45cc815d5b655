using SecureApi.Bench;

// App (2) of benchmarks/run.sh.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddBenchJwt(builder.Configuration);
builder.Services.AddBenchRateLimiter(builder.Configuration);
builder.Services.AddSingleton<BenchItemStore>();
var app = builder.Build();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();

var handlers = new ItemHandlers(app.Services.GetRequiredService<BenchItemStore>());
RequestDelegate get = handlers.GetAsync;
RequestDelegate create = handlers.CreateAsync;
app.MapGet("/items/{id}", get).RequireAuthorization();
app.MapPost("/items", create).RequireAuthorization();
app.MapAllocationProbe();
app.Run();

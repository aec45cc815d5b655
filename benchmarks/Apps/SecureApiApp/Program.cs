using SecureApi.Bench;

// App (1) of benchmarks/run.sh. Everything else (JWT keys, rate limit, SQLite file) comes from SecureApi__… variables
// that run.sh sets, as a deployment would.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddSecureApi(builder.Configuration);
var app = builder.Build();
app.UseSecureApi();
app.MapSecureApi();
app.MapAllocationProbe();
app.Run();

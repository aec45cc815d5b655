using SecureApi.Bench;

// App (5) of benchmarks/run.sh.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddBenchJwt(builder.Configuration);
builder.Services.AddBenchRateLimiter(builder.Configuration);
builder.Services.AddControllers()
    .AddJsonOptions(options => options.JsonSerializerOptions.TypeInfoResolverChain.Insert(0, BenchJsonContext.Default));
builder.Services.AddSingleton<BenchItemStore>();
var app = builder.Build();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.MapControllers();
app.MapAllocationProbe();
app.Run();

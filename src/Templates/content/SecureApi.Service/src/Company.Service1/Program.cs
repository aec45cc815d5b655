#if (SampleData)
using Company.Service1;

#endif
var builder = WebApplication.CreateSlimBuilder(args);

// Options (checked at start-up), JWT and API keys, deny-by-default authorisation, limits on every request, and the
// stores the generator writes for each [Resource].
builder.Services.AddSecureApi(builder.Configuration);
#if (SampleData)
if (builder.Environment.IsDevelopment())
{
    builder.Services.AddHostedService<SampleData>();
}
#endif

var app = builder.Build();

// `dotnet run -- schema --output secureapi.schema.json` updates the schema snapshot (the build does it too) and
// `-- schema --sql` prints the tables' DDL, instead of serving; `-- keys create|list|revoke` manages stored API keys;
// `-- inventory` writes the security inventory of every endpoint.
if (await app.RunSecureApiCommandAsync(args))
{
    return;
}

app.UseSecureApi(); // ProblemDetails, HTTPS outside Development, security headers, authentication, rate limits, authorisation
app.MapSecureApi(); // generated: maps every [Endpoints] class in this assembly
app.Run();

/// <summary>The entry point, public so the tests can host the service with WebApplicationFactory.</summary>
public partial class Program;

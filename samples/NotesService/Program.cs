using NotesService;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddSecureApi(builder.Configuration);

// Cross-cutting behaviour hooks into the pipeline every generated endpoint runs in: here, request counts per endpoint.
builder.Services.AddSingleton<RequestStats>();
builder.Services.AddSingleton<SecureApi.Pipeline.IEndpointObserver>(services => services.GetRequiredService<RequestStats>());

// The assistant's model (POST /assistant/ask): a deterministic local stand-in that needs no network. Register any other
// IChatClient (an OpenAI, Azure OpenAI or Ollama client from its Microsoft.Extensions.AI package) to use a real model.
builder.Services.AddSingleton<Microsoft.Extensions.AI.IChatClient, LocalNotesChatClient>();

var app = builder.Build();

// `dotnet run --project samples/NotesService -- schema --output secureapi.schema.json` updates the schema snapshot
// (the build does it too: SecureApiSchemaSnapshot in the project file); `-- schema --sql` prints the DDL instead of serving;
// `-- keys create|list|revoke …` manages the stored API keys; `-- inventory [--format json|html|markdown]` writes the
// security inventory of every endpoint (needing no database or secret).
if (await app.RunSecureApiCommandAsync(args))
{
    return;
}

app.UseSecureApi();
app.MapSecureApi();

app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
app.Run();

/// <summary>The entry point, public so tests can host the sample with WebApplicationFactory.</summary>
public partial class Program;

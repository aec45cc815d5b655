using NotesService;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddSecureApi(builder.Configuration);

var app = builder.Build();
app.UseSecureApi();
app.MapSecureApi();

app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
app.Run();

/// <summary>The entry point, public so tests can host the sample with WebApplicationFactory.</summary>
public partial class Program;

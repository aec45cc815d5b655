using NotesService;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddSecureApi(builder.Configuration);
builder.Services.AddSingleton<NoteBook>();

var app = builder.Build();
app.UseSecureApi();
app.MapSecureApi();

app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
app.Run();

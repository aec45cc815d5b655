using SecureApi;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddSecureApi(builder.Configuration);
var app = builder.Build();
app.UseSecureApi();
app.MapSecureApi();
app.Run();

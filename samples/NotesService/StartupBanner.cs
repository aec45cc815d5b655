using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace NotesService;

/// <summary>Tells whoever started the sample where it listens and how to call it.</summary>
internal static class StartupBanner
{
    public static void Print(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5080";
        var devKeys = app.Environment.IsDevelopment()
            ? "Development API keys (appsettings.Development.json): dev-alice-key, dev-bob-key, dev-admin-key (role admin)."
            : "Configure SecureApi:ApiKeys (SHA-256 hashes) to call authenticated endpoints.";
        Console.WriteLine($$"""

            SecureApi notes sample listening on {{address}}
            {{devKeys}}
              curl {{address}}/info
              curl -H 'X-Api-Key: dev-alice-key' -H 'Content-Type: application/json' -d '{"title":"Hello","body":"First note"}' {{address}}/notes
              curl -H 'X-Api-Key: dev-alice-key' {{address}}/notes
              curl -H 'X-Api-Key: dev-alice-key' -H 'Content-Type: application/json' -d '{"title":"x","body":"y","isAdmin":true}' {{address}}/notes   # 400: unknown member

            """);
    }
}

using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace NotesService;

/// <summary>Tells whoever started the sample where it listens and how to call it.</summary>
public static class StartupBanner
{
    internal static void Print(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5080";
        Console.WriteLine(Text(address, DescribeDatabase(app.Services), app.Environment.IsDevelopment()));
    }

    /// <summary>
    /// The banner. The curl walkthrough uses the Development API keys, which exist only in Development, so elsewhere the
    /// banner says how to get a credential instead of suggesting calls that would all answer 401.
    /// </summary>
    public static string Text(string address, string database, bool development)
    {
        if (!development)
        {
            return $$"""

                SecureApi notes sample listening on {{address}} (data: {{database}})
                Mint an API key (dotnet run -- keys create --subject <sub>) or configure SecureApi:Authentication:ApiKeys:Static (SHA-256 hashes) to call authenticated endpoints.
                  curl {{address}}/info

                """;
        }

        return $$"""

            SecureApi notes sample listening on {{address}} (data: {{database}})
            Development API keys (appsettings.Development.json): people dev-alice-key and dev-bob-key (tenant acme), dev-carol-key (tenant globex), dev-admin-key (role admin), each with notes:read notes:write docs:read docs:write; the service dev-monitor-key (stats:read docs:read). Development JWTs: dotnet user-jwts create --name alice --claim tenant=acme --scope notes:read --scope notes:write --valid-for 1h (README: an agent's token, a service's key).
              curl {{address}}/info
              curl -H 'X-Api-Key: dev-alice-key' -H 'Content-Type: application/json' -d '{"title":"Hello","body":"First note"}' {{address}}/notes
              curl -H 'X-Api-Key: dev-alice-key' -H 'Idempotency-Key: "note-42"' -H 'Content-Type: application/json' -d '{"title":"Once","body":"Safe to retry"}' {{address}}/notes   # again: the same note, not a second
              curl -H 'X-Api-Key: dev-alice-key' '{{address}}/notes?sort=-createdAt&limit=10'
              curl -H 'X-Api-Key: dev-bob-key' {{address}}/notes/<id from alice>      # 404: not yours
              curl -H 'X-Api-Key: dev-alice-key' '{{address}}/notes?ownerId=bob'    # 400: unknown query parameter
              curl -X PATCH -H 'X-Api-Key: dev-alice-key' -H 'If-Match: "1"' -H 'Content-Type: application/json' -d '{"title":"Renamed"}' {{address}}/notes/<id>
              curl -H 'X-Api-Key: dev-admin-key' {{address}}/admin/notes
              curl -H 'X-Api-Key: dev-monitor-key' {{address}}/admin/stats           # outcomes per endpoint, from a pipeline observer (services only)
              curl -H 'X-Api-Key: dev-monitor-key' {{address}}/notes                 # 403: notes are for people and their agents
              curl -H 'X-Api-Key: dev-admin-key' -H 'Content-Type: application/json' -d '{"subject":"reports-bot","tenant":"acme","kind":"service","scopes":"docs:read"}' {{address}}/admin/keys   # a service's key, shown once
              curl -H 'X-Api-Key: dev-alice-key' -H 'Content-Type: application/json' -d '{"title":"x","body":"y","isAdmin":true}' {{address}}/notes   # 400: unknown member

            """;
    }

    /// <summary>The engine and, for SQLite, the file actually configured (<c>SecureApi:Database:SqlitePath</c>), as the banner shows it.</summary>
    public static string DescribeDatabase(IServiceProvider services)
    {
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecureApi.SecureApiOptions>>().Value.Database;
        return !string.IsNullOrWhiteSpace(options.PostgreSql)
            ? "PostgreSQL"
            : "SQLite, " + Path.GetFullPath(options.SqlitePath, services.GetRequiredService<IHostEnvironment>().ContentRootPath);
    }
}

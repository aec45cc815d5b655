using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.TestService;

namespace SecureApi.IntegrationTests.Jwt;

/// <summary>
/// The test service with JWT bearer configured from <c>SecureApi:Authentication:Jwt</c>: one RSA public key
/// (<c>kid</c> <see cref="KeyId"/>), issuer <see cref="TestTokens.Issuer"/>, audience <see cref="TestTokens.Audience"/>,
/// everything else at its default. Holds the private key so tests can mint tokens.
/// </summary>
public class JwtService : IAsyncDisposable
{
    public const string KeyId = "rsa-1";

    public JwtService()
        : this(static _ => { })
    {
    }

    protected JwtService(Action<Dictionary<string, string>> settings, string environment = "Development", Action<IServiceCollection>? services = null)
    {
        Factory = new TestServiceFactory { Environment = environment, TestServices = services };
        Factory.Settings["SecureApi:Authentication:Jwt:Issuers:0"] = TestTokens.Issuer;
        Factory.Settings["SecureApi:Authentication:Jwt:Audiences:0"] = TestTokens.Audience;
        Factory.Settings["SecureApi:Authentication:Jwt:SigningKeys:0:Id"] = KeyId;
        Factory.Settings["SecureApi:Authentication:Jwt:SigningKeys:0:PublicKeyPem"] = Key.ExportSubjectPublicKeyInfoPem();
        settings(Factory.Settings);
    }

    public RSA Key { get; } = RSA.Create(2048);

    public TestServiceFactory Factory { get; }

    /// <summary>A good access token for <paramref name="subject"/>.</summary>
    public string Token(string subject = "alice") => TestTokens.Rs256(Key, TestTokens.Claims(subject), KeyId);

    public HttpClient Client(string? bearer)
    {
        var client = Factory.CreateClient();
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    /// <summary>GET /widgets/me with <paramref name="bearer"/>.</summary>
    public async Task<HttpResponseMessage> MeAsync(string? bearer)
    {
        using var client = Client(bearer);
        return await client.GetAsync("/widgets/me");
    }

    /// <summary>Tries to create a widget named <paramref name="name"/>; returns the status and whether it was stored.</summary>
    public async Task<(HttpStatusCode Status, bool Stored)> CreateAsync(string? bearer, string name)
    {
        using var client = Client(bearer);
        using var response = await client.PostAsync("/widgets", TestServiceFactory.Json($$"""{"name":"{{name}}","quantity":1,"kind":"gear"}"""));
        var stored = Factory.Services.GetRequiredService<WidgetRepository>().List(null, 0, 1000).Any(w => w.Name == name);
        return (response.StatusCode, stored);
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        Key.Dispose();
        GC.SuppressFinalize(this);
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.SampleTests.Infrastructure;
using SecureApi.SampleTests.OpenApi;

namespace SecureApi.SampleTests;

/// <summary>
/// Every client of the sample suite checks each status against the served OpenAPI document: a client made around the
/// check is refused, and a checked client fails its request on a status the document does not list.
/// </summary>
public sealed class StatusCheckCoverageTests
{
    [Fact]
    public async Task AClientMadeWithoutTheStatusCheckIsRefused()
    {
        await using var storage = new SqliteTarget();
        await using var factory = storage.CreateFactory();
        await using var derived = factory.WithWebHostBuilder(_ => { });

        var refusal = Assert.Throws<InvalidOperationException>(() => derived.CreateClient());

        Assert.Contains(nameof(SampleFactory.CheckedClient), refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACheckedClientFailsOnAStatusTheDocumentDoesNotList()
    {
        await using var storage = new SqliteTarget();
        await using var factory = storage.CreateFactory();
        await using var teapot = factory.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, TeapotAtInfo>()));
        using var client = SampleFactory.CheckedClient(teapot);

        var failure = await Assert.ThrowsAsync<UndocumentedStatusException>(() => client.GetAsync(new Uri("/info", UriKind.Relative)));

        Assert.StartsWith("GET /info (operation GET /info) answered 418, which the OpenAPI document does not list for it", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>Answers GET /info with 418 before the sample sees it: a status no operation documents.</summary>
    private sealed class TeapotAtInfo : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Path == "/info")
                {
                    context.Response.StatusCode = StatusCodes.Status418ImATeapot;
                    return;
                }

                await nextMiddleware(context);
            });
            next(app);
        };
    }
}

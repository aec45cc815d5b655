using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace SecureApi.IntegrationTests;

/// <summary>A service that declares no <c>[Resource]</c> (as the test service) opens, creates and migrates no database.</summary>
public sealed class ServiceWithoutResourcesTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task StartsServesAndStopsWithoutCreatingADataFolder(bool applySchemaOnStartup)
    {
        var contentRoot = Directory.CreateTempSubdirectory("secureapi-noresources-");
        try
        {
            await using (var factory = new DefaultDatabaseFactory(contentRoot.FullName, applySchemaOnStartup))
            {
                using var client = factory.CreateClient();
                using var response = await client.GetAsync(new Uri("/probe/health", UriKind.Relative));
                Assert.True(response.IsSuccessStatusCode, $"GET /probe/health answered {response.StatusCode}");
            }

            Assert.Empty(contentRoot.EnumerateFileSystemInfos());
        }
        finally
        {
            contentRoot.Delete(recursive: true);
        }
    }

    /// <summary>The test service with the default database settings (<c>data/secureapi.db</c> under the content root).</summary>
    private sealed class DefaultDatabaseFactory(string contentRoot, bool applySchemaOnStartup) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseContentRoot(contentRoot);
            builder.UseSetting("SecureApi:Database:ApplySchemaOnStartup", applySchemaOnStartup ? "true" : "false");
        }
    }
}

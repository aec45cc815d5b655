using System.Net;
using System.Net.Http.Json;

namespace SecureApi.IntegrationTests;

/// <summary>ASP.NET Core's own [FromHeader], [FromQuery(Name)], [Authorize(Roles)] and [Authorize(Policy)] behave as on any minimal API.</summary>
public sealed class PlatformAttributeTests(TestServiceFactory factory) : IClassFixture<TestServiceFactory>
{
    [Fact]
    public async Task BindsAHeaderAndARenamedQueryValue()
    {
        var client = factory.ClientFor("alice");
        client.DefaultRequestHeaders.Add("X-Region", "7");

        var region = await client.GetFromJsonAsync<Region>("/platform/region?q=gear");

        Assert.Equal(new Region(7, "gear"), region);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("seven")]
    public async Task MissingOrUnparsableHeaderReturns400NamingTheHeader(string? value)
    {
        var client = factory.ClientFor("alice");
        if (value is not null)
        {
            client.DefaultRequestHeaders.Add("X-Region", value);
        }

        var problem = await Problem.ReadAsync(await client.GetAsync("/platform/region"));

        Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
        Assert.Equal(["X-Region"], problem.Errors.Keys);
    }

    [Fact]
    public async Task RepeatedHeaderReturns400NamingTheHeader()
    {
        var client = factory.ClientFor("alice");
        client.DefaultRequestHeaders.Add("X-Region", ["1", "2"]);

        var problem = await Problem.ReadAsync(await client.GetAsync("/platform/region"));

        Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
        Assert.Equal(["X-Region"], problem.Errors.Keys);
    }

    [Fact]
    public async Task AuthorizeRolesAdmitsOnlyTheRole()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.ClientFor("bob").GetAsync("/platform/admin")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.ClientFor("root", roles: "admin").GetAsync("/platform/admin")).StatusCode);
    }

    [Fact]
    public async Task AuthorizePolicyIsEnforced()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/platform/tenant")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.ClientFor("bob").GetAsync("/platform/tenant")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.ClientFor("carol", tenant: "acme").GetAsync("/platform/tenant")).StatusCode);
    }

    private sealed record Region(int Value, string? Term)
    {
        [System.Text.Json.Serialization.JsonPropertyName("region")]
        public int Value { get; init; } = Value;
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SecureApi.IntegrationTests;

/// <summary>Each success and failure status a generated handler can answer with, through the real pipeline.</summary>
public sealed class ResponseStatusTests(TestServiceFactory factory) : IClassFixture<TestServiceFactory>
{
    private const string ValidWidget = """{"name":"gear","quantity":3,"kind":"gear"}""";

    [Fact]
    public async Task CreateReturns201WithLocationAndCamelCaseBody()
    {
        var client = factory.ClientFor("alice");

        var response = await client.PostAsync("/widgets", TestServiceFactory.Json(ValidWidget));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("gear", body.GetProperty("name").GetString());
        Assert.Equal("gear", body.GetProperty("kind").GetString());
        Assert.Equal("alice", body.GetProperty("owner").GetString());
        Assert.Equal($"/widgets/{body.GetProperty("id").GetGuid()}", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task GetReturns200ForAnExistingWidget()
    {
        var client = factory.ClientFor("alice");
        var created = await (await client.PostAsync("/widgets", TestServiceFactory.Json(ValidWidget))).Content.ReadFromJsonAsync<JsonElement>();

        var response = await client.GetAsync($"/widgets/{created.GetProperty("id").GetGuid()}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task GetReturns404ProblemForAnUnknownId()
    {
        var response = await factory.ClientFor("alice").GetAsync($"/widgets/{Guid.NewGuid()}");

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.NotFound, problem.Status);
        Assert.Equal("application/problem+json", problem.ContentType);
        Assert.Equal(404, problem.Body.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task DeleteReturns204ThenNotFound()
    {
        var client = factory.ClientFor("alice");
        var created = await (await client.PostAsync("/widgets", TestServiceFactory.Json(ValidWidget))).Content.ReadFromJsonAsync<JsonElement>();
        var uri = $"/widgets/{created.GetProperty("id").GetGuid()}";

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync(uri)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync(uri)).StatusCode);
    }

    [Fact]
    public async Task PutWithValueTaskReturnsTheUpdatedWidget()
    {
        var client = factory.ClientFor("alice");
        var created = await (await client.PostAsync("/widgets", TestServiceFactory.Json(ValidWidget))).Content.ReadFromJsonAsync<JsonElement>();

        var response = await client.PutAsync($"/widgets/{created.GetProperty("id").GetGuid()}", TestServiceFactory.Json("""{"name":"spring"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("spring", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task ListBindsQueryValues()
    {
        var client = factory.ClientFor("alice");
        await client.PostAsync("/widgets", TestServiceFactory.Json("""{"name":"spring one","quantity":1,"kind":"spring"}"""));

        var response = await client.GetAsync("/widgets?kind=Spring&page=1&size=50");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var widgets = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEmpty(widgets.EnumerateArray());
        Assert.All(widgets.EnumerateArray(), w => Assert.Equal("spring", w.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task AnonymousEndpointAnswersWithoutACaller()
    {
        var response = await factory.CreateClient().GetAsync("/probe/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task EveryOtherEndpointReturns401WithoutACaller()
    {
        var client = factory.CreateClient();

        foreach (var (method, uri) in new[] { ("GET", "/widgets"), ("POST", "/widgets"), ("GET", $"/widgets/{Guid.NewGuid()}"), ("DELETE", $"/widgets/{Guid.NewGuid()}"), ("GET", "/widgets/boom") })
        {
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), uri) { Content = method == "POST" ? TestServiceFactory.Json(ValidWidget) : null });
            var problem = await Problem.ReadAsync(response);
            Assert.Equal(HttpStatusCode.Unauthorized, problem.Status);
            Assert.Equal("application/problem+json", problem.ContentType);
        }
    }

    [Fact]
    public async Task RoleGatedEndpointReturns403WithoutTheRoleAnd200WithIt()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.ClientFor("bob").GetAsync("/widgets/admin")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.ClientFor("root", roles: "admin").GetAsync("/widgets/admin")).StatusCode);
    }

    [Fact]
    public async Task CallerComesFromTheAuthenticatedPrincipal()
    {
        var response = await factory.ClientFor("carol", tenant: "acme").GetFromJsonAsync<JsonElement>("/widgets/me");

        Assert.Equal("carol", response.GetProperty("subject").GetString());
        Assert.Equal("acme", response.GetProperty("tenant").GetString());
    }

    [Fact]
    public async Task UnhandledExceptionReturns500ProblemWithTraceIdAndNoInternals()
    {
        var response = await factory.ClientFor("alice").GetAsync("/widgets/boom");

        var text = await response.Content.ReadAsStringAsync();
        var problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.InternalServerError, problem.Status);
        Assert.Equal("application/problem+json", problem.ContentType);
        Assert.False(string.IsNullOrEmpty(problem.Body.GetProperty("traceId").GetString()));
        Assert.DoesNotContain("secret", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BodyOverTheEndpointCapReturns413()
    {
        var client = factory.ClientFor("alice");
        var big = JsonSerializer.Serialize(new { text = new string('x', 90) });

        var response = await client.PostAsync("/widgets/small", TestServiceFactory.Json(big));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await Problem.ReadAsync(response)).Status);
    }

    [Fact]
    public async Task ChunkedBodyOverTheCapReturns413()
    {
        var client = factory.ClientFor("alice");
        var bytes = System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { text = new string('x', 90) }));
        var content = new StreamContent(new NonSeekableStream(bytes));
        content.Headers.ContentType = new("application/json");

        var response = await client.PostAsync("/widgets/small", content);

        Assert.Null(content.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task BodyUnderTheCapIsEchoed()
    {
        var response = await factory.ClientFor("alice").PostAsync("/widgets/small", TestServiceFactory.Json("""{"text":"hi"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hi", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task NonJsonBodyReturns415(string mediaType)
    {
        var response = await factory.ClientFor("alice").PostAsync("/widgets", TestServiceFactory.Json(ValidWidget, mediaType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await Problem.ReadAsync(response)).Status);
    }

    [Fact]
    public async Task BodyWithoutContentTypeReturns415()
    {
        var content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(ValidWidget));

        var response = await factory.ClientFor("alice").PostAsync("/widgets", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task ResponsesCarrySecurityHeaders()
    {
        var response = await factory.CreateClient().GetAsync("/probe/health");

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    /// <summary>A stream without a known length, so the client sends the body chunked.</summary>
    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}

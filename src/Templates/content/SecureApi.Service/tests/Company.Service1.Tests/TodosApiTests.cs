using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Company.Service1.Tests;

/// <summary>The todos API over HTTP: who may call, what each caller sees, and what a bad request gets back.</summary>
[Collection(SharedService.Name)]
public sealed class TodosApiTests(ServiceHost service)
{
    [Fact]
    public async Task AnAnonymousRequestIsRefusedWith401()
    {
        using var response = await service.Anonymous().GetAsync(new Uri("/todos", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ACallerCreatesATodoTheyOwn()
    {
        using var response = await PostAsync(service.NewCaller(), """{"title":"Write the tests"}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task ACallerReadsBackTheTodoTheyCreated()
    {
        var client = service.NewCaller();
        var created = await CreateAsync(client, "Read me back");

        var read = await client.GetFromJsonAsync<JsonElement>(new Uri($"/todos/{created.GetProperty("id")}", UriKind.Relative));

        Assert.Equal("Read me back", read.GetProperty("title").GetString());
    }

    [Fact]
    public async Task ACallerListsOnlyTheirOwnTodos()
    {
        var client = service.NewCaller();
        await CreateAsync(client, "Mine");
        await CreateAsync(service.NewCaller(), "Someone else's");

        var page = await client.GetFromJsonAsync<JsonElement>(new Uri("/todos", UriKind.Relative));

        Assert.Equal(["Mine"], page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task ACallerUpdatesTheirTodoAtItsCurrentVersion()
    {
        var client = service.NewCaller();
        var created = await CreateAsync(client, "Not done yet");
        using var patch = new HttpRequestMessage(HttpMethod.Patch, new Uri($"/todos/{created.GetProperty("id")}", UriKind.Relative))
        {
            Content = Json("""{"isDone":true}"""),
        };
        patch.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{created.GetProperty("version")}\""));

        using var response = await client.SendAsync(patch);

        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("isDone").GetBoolean());
    }

    [Fact]
    public async Task ACallerDeletesTheirTodo()
    {
        var client = service.NewCaller();
        var created = await CreateAsync(client, "Delete me");
        using var deleted = await client.DeleteAsync(new Uri($"/todos/{created.GetProperty("id")}", UriKind.Relative));

        using var response = await client.GetAsync(new Uri($"/todos/{created.GetProperty("id")}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AnotherCallersTodoIsNotFound()
    {
        var created = await CreateAsync(service.NewCaller(), "Private");

        using var response = await service.NewCaller().GetAsync(new Uri($"/todos/{created.GetProperty("id")}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ACallerWithoutTheWriteScopeCannotCreate()
    {
        var reader = service.As("reader-" + Guid.NewGuid().ToString("N"), TodosApi.Read);

        using var response = await PostAsync(reader, """{"title":"Not allowed"}""");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task AnUnknownMemberInTheBodyIsA400ProblemNamingIt()
    {
        using var response = await PostAsync(service.NewCaller(), """{"title":"Sneaky","ownerId":"someone-else"}""");

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("ownerId", out _), problem.ToString());
    }

    [Fact]
    public async Task AMissingTitleIsA400ProblemNamingIt()
    {
        using var response = await PostAsync(service.NewCaller(), """{"isDone":true}""");

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("title", out _), problem.ToString());
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string body) =>
        client.PostAsync(new Uri("/todos", UriKind.Relative), Json(body));

    private static async Task<JsonElement> CreateAsync(HttpClient client, string title)
    {
        using var response = await PostAsync(client, JsonSerializer.Serialize(new Dictionary<string, string> { ["title"] = title }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The body of an RFC 9457 problem response with <paramref name="status"/>.</summary>
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }
}

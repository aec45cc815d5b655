using System.Net;
using System.Net.Http.Headers;

namespace SecureApi.IntegrationTests;

/// <summary>
/// Errors the framework produces rather than a generated handler (authentication, authorisation, routing, a method the
/// route does not take) are ProblemDetails with a <c>type</c>, whatever the client's <c>Accept</c> header asks for.
/// </summary>
public sealed class FrameworkErrorTests(TestServiceFactory factory) : IClassFixture<TestServiceFactory>
{
    public static TheoryData<string, string, string?, HttpStatusCode> Cases => new()
    {
        { "GET", "/widgets/me", null, HttpStatusCode.Unauthorized },
        { "GET", "/widgets/admin", "alice", HttpStatusCode.Forbidden },
        { "GET", "/no/such/route", "alice", HttpStatusCode.NotFound },
        { "DELETE", "/probe/health", "alice", HttpStatusCode.MethodNotAllowed },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task FrameworkErrorIsProblemJsonWhateverTheAcceptHeader(string method, string path, string? subject, HttpStatusCode status)
    {
        foreach (var accept in new[] { "application/xml", "text/html", "text/plain", "*/*" })
        {
            var client = subject is null ? factory.CreateClient() : factory.ClientFor(subject);
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));

            var response = await client.SendAsync(request);

            var problem = await Problem.ReadAsync(response);
            Assert.Equal(status, problem.Status);
            Assert.Equal("application/problem+json", problem.ContentType);
            Assert.Equal((int)status, problem.Body.GetProperty("status").GetInt32());
            Assert.StartsWith("https://", problem.Body.GetProperty("type").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ExceptionOutsideAGeneratedHandlerIsA500ProblemWithoutInternals()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hand-mapped/boom");
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("application/xml"));

        var response = await factory.ClientFor("alice").SendAsync(request);

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.InternalServerError, problem.Status);
        Assert.Equal("application/problem+json", problem.ContentType);
        Assert.DoesNotContain("hunter2", problem.Body.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", problem.Body.GetRawText(), StringComparison.Ordinal);
    }
}

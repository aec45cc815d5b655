using System.Net;
using SecureApi.SampleTests.OpenApi;

namespace SecureApi.SampleTests;

/// <summary>The status-checking handler, between a client and a fake server, on a hand-written document.</summary>
public sealed class DocumentedStatusHandlerTests
{
    private static readonly DocumentedStatuses Statuses = new(HandWrittenDocument.Parse());

    private static HttpClient ClientAnswering(HttpStatusCode status) =>
        new(new DocumentedStatusHandler(() => Task.FromResult(Statuses)) { InnerHandler = new FixedAnswer(status) }) { BaseAddress = new Uri("http://localhost") };

    [Theory]
    [InlineData("GET", "/notes?limit=3", HttpStatusCode.OK)]
    [InlineData("POST", "/notes", HttpStatusCode.Created)]
    [InlineData("GET", "/notes/0199a5c4-0000-7000-8000-000000000001", HttpStatusCode.NotFound)]
    [InlineData("GET", "/nowhere", HttpStatusCode.NotFound)]
    [InlineData("DELETE", "/notes", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "/openapi/v1.json", HttpStatusCode.OK)]
    [InlineData("GET", "/admin/security/data", HttpStatusCode.Forbidden)]
    [InlineData("GET", "/nowhere", HttpStatusCode.Unauthorized)] // no credentials: authentication comes before routing's 404
    public async Task ADocumentedStatusPassesThrough(string method, string uri, HttpStatusCode status)
    {
        using var client = ClientAnswering(status);

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), uri));

        Assert.Equal(status, response.StatusCode);
    }

    [Fact]
    public async Task AnUndocumentedStatusFailsTheRequestNamingMethodRouteAndStatus()
    {
        using var client = ClientAnswering(HttpStatusCode.ServiceUnavailable);

        var failure = await Assert.ThrowsAsync<UndocumentedStatusException>(() => client.GetAsync("/notes?limit=3"));

        Assert.StartsWith("GET /notes (operation GET /notes) answered 503, which the OpenAPI document does not list for it (it lists 200, 400, 401, 403, 429).", failure.Message);
    }

    [Theory]
    [InlineData("GET", "/nowhere", HttpStatusCode.Forbidden, "GET /nowhere matches no operation of the OpenAPI document, so it must be a 404, but it answered 403.")]
    [InlineData("DELETE", "/notes", HttpStatusCode.NotFound, "DELETE /notes matches no operation of the OpenAPI document, so it must be a 405, but it answered 404.")]
    [InlineData("GET", "/openapi/v1.json", HttpStatusCode.InternalServerError, "GET /openapi/v1.json (served outside the operations) answered 500, not 200 (Development) or 404.")]
    [InlineData("POST", "/admin/security/data", HttpStatusCode.OK, "POST /admin/security/data matches no operation of the OpenAPI document, so it must be a 404, but it answered 200.")]
    [InlineData("GET", "/nowhere", HttpStatusCode.Unauthorized, "GET /nowhere matches no operation of the OpenAPI document, so it must be a 404, but it answered 401.", "X-Api-Key")]
    public async Task OutsideTheOperationsOnlyTheExplicitExceptionsPass(string method, string uri, HttpStatusCode status, string message, string? credentialHeader = null)
    {
        using var client = ClientAnswering(status);
        if (credentialHeader is not null)
        {
            client.DefaultRequestHeaders.Add(credentialHeader, "some-key");
        }

        var failure = await Assert.ThrowsAsync<UndocumentedStatusException>(() => client.SendAsync(new HttpRequestMessage(new HttpMethod(method), uri)));

        Assert.StartsWith(message, failure.Message);
    }

    private sealed class FixedAnswer(HttpStatusCode status) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { RequestMessage = request, Content = new StringContent("") });
    }
}

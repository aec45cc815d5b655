using System.Net;
using System.Text;

namespace SecureApi.IntegrationTests;

/// <summary>
/// An endpoint without <c>[MaxBodySize]</c> reads at most <c>SecureApi:MaxRequestBodyBytes</c>, 1 MiB by default:
/// exactly 1,048,576 bytes are read, one more is a 413, with or without a Content-Length.
/// </summary>
public sealed class BodySizeTests(TestServiceFactory factory) : IClassFixture<TestServiceFactory>
{
    private const int OneMebibyte = 1_048_576;

    /// <summary>The bytes of <c>{"text":"…"}</c> around the text.</summary>
    private const int Envelope = 11;

    [Fact]
    public async Task ABodyOfExactlyOneMebibyteIsRead()
    {
        var response = await factory.ClientFor("alice").PostAsync("/widgets/large", Sized(BodyOf(OneMebibyte)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((OneMebibyte - Envelope).ToString(System.Globalization.CultureInfo.InvariantCulture), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OneByteOverOneMebibyteIs413()
    {
        var response = await factory.ClientFor("alice").PostAsync("/widgets/large", Sized(BodyOf(OneMebibyte + 1)));

        await Problem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task OverKestrelAChunkedBodyOneByteOverTheCapIs413()
    {
        await using var kestrel = StartKestrel(out var client);

        using var overCap = await client.SendAsync(Chunked(BodyOf(OneMebibyte + 1)));

        await Problem.AssertAsync(overCap, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task OverKestrelAChunkedBodyUnderTheCapIsRead()
    {
        await using var kestrel = StartKestrel(out var client);

        using var underCap = await client.SendAsync(Chunked(BodyOf(OneMebibyte / 2)));

        Assert.Equal(HttpStatusCode.OK, underCap.StatusCode);
    }

    /// <summary>
    /// Kestrel's own MaxRequestBodySize refused chunked bodies a few bytes short of the cap (1,048,561 bytes read,
    /// 1,048,575 refused) when JsonBody set it to the cap itself; it is now a backstop above the cap JsonBody enforces exactly.
    /// </summary>
    [Fact]
    public async Task OverKestrelAChunkedBodyOfExactlyTheCapIsRead()
    {
        await using var kestrel = StartKestrel(out var client);

        using var atCap = await client.SendAsync(Chunked(BodyOf(OneMebibyte)));

        Assert.Equal(HttpStatusCode.OK, atCap.StatusCode);
    }

    private static TestServiceFactory StartKestrel(out HttpClient client)
    {
        var kestrel = new TestServiceFactory();
        kestrel.UseKestrel(0);
        kestrel.StartServer();
        client = kestrel.CreateClient();
        client.DefaultRequestHeaders.Add("X-Test-Subject", "alice");
        return kestrel;
    }

    /// <summary>A JSON body of exactly <paramref name="length"/> bytes: <c>{"text":"xxx…"}</c>.</summary>
    private static byte[] BodyOf(int length) => Encoding.UTF8.GetBytes("{\"text\":\"" + new string('x', length - Envelope) + "\"}");

    private static ByteArrayContent Sized(byte[] body) => new(body) { Headers = { { "Content-Type", "application/json" } } };

    /// <summary>A POST whose body is sent chunked, of unknown length: no Content-Length for the server to check first.</summary>
    private static HttpRequestMessage Chunked(byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/widgets/large")
        {
            Content = new StreamContent(new NonSeekableStream(body)) { Headers = { { "Content-Type", "application/json" } } },
        };
        request.Headers.TransferEncodingChunked = true;
        return request;
    }

    private sealed class NonSeekableStream(byte[] body) : MemoryStream(body)
    {
        public override bool CanSeek => false;
    }
}

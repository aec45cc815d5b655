using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SecureApi.IntegrationTests;

/// <summary>
/// The sensitive policy's lockout on the test service's hand-written <c>/sign-in</c> (it answers 400 to a wrong password
/// and reports the failure through SignInAttempts). Over real Kestrel with 127.0.0.1 as a trusted proxy, so each request
/// can come from an address of its choosing (X-Forwarded-For): one address trying many accounts, or many addresses one account.
/// The shipped count (5 failures in 15 minutes) is kept; only the lockout's length is shortened where a test waits it out.
/// </summary>
public sealed partial class LockoutTests
{
    private const string AlicePassword = "correct horse battery staple";

    [Fact]
    public async Task FiveFailuresFromManyAddressesLockTheAccountEvenForTheRightPassword()
    {
        await using var factory = Factory();
        using var client = Start(factory);
        await FailAsync(client, "alice", Addresses("203.0.113.", 1, 5));

        using var response = await SignInAsync(client, "alice", AlicePassword, "198.51.100.1");

        Assert.Equal((HttpStatusCode.TooManyRequests, true), (response.StatusCode, response.Headers.RetryAfter?.Delta > TimeSpan.Zero));
    }

    [Fact]
    public async Task FourFailuresLeaveTheAccountOpen()
    {
        await using var factory = Factory();
        using var client = Start(factory);
        await FailAsync(client, "alice", Addresses("203.0.113.", 1, 4));

        using var response = await SignInAsync(client, "alice", AlicePassword, "198.51.100.1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OneAddressTryingManyAccountsIsLockedOut()
    {
        await using var factory = Factory();
        using var client = Start(factory);
        for (var i = 1; i <= 5; i++)
        {
            using var failed = await SignInAsync(client, "user" + i.ToString(CultureInfo.InvariantCulture), "guess", "203.0.113.50");
        }

        using var response = await SignInAsync(client, "alice", AlicePassword, "203.0.113.50");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
    }

    [Fact]
    public async Task ALockedOutAddressLeavesOtherAddressesServed()
    {
        await using var factory = Factory();
        using var client = Start(factory);
        for (var i = 1; i <= 5; i++)
        {
            using var failed = await SignInAsync(client, "user" + i.ToString(CultureInfo.InvariantCulture), "guess", "203.0.113.50");
        }

        using var response = await SignInAsync(client, "alice", AlicePassword, "203.0.113.51");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>
    /// The lock is keyed by the name submitted, never by a lookup: a locked-out unknown account is answered exactly as a
    /// locked-out known one. Only what the clock changes differs: Date, the trace id, and the seconds left.
    /// </summary>
    [Fact]
    public async Task AnUnknownAndAKnownAccountGetTheSameLockedAnswer()
    {
        await using var factory = Factory();
        using var client = Start(factory);
        await FailAsync(client, "alice", Addresses("203.0.113.", 1, 5));
        await FailAsync(client, "nobody-at-all", Addresses("203.0.113.", 11, 5));

        using var known = await SignInAsync(client, "alice", AlicePassword, "198.51.100.1");
        using var unknown = await SignInAsync(client, "nobody-at-all", AlicePassword, "198.51.100.2");

        Assert.Equal(await DescribeAsync(known), await DescribeAsync(unknown));
    }

    [Fact]
    public async Task ASuccessForgetsTheAccountsFailures()
    {
        await using var factory = Factory();
        using var client = Start(factory);
        await FailAsync(client, "alice", Addresses("203.0.113.", 1, 4));
        using var success = await SignInAsync(client, "alice", AlicePassword, "198.51.100.1");
        await FailAsync(client, "alice", Addresses("203.0.113.", 11, 4));

        using var response = await SignInAsync(client, "alice", AlicePassword, "198.51.100.2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TheAccountIsOneWhateverItsCase()
    {
        await using var factory = Factory();
        using var client = Start(factory);
        await FailAsync(client, "ALICE", Addresses("203.0.113.", 1, 3));
        await FailAsync(client, " Alice ", Addresses("203.0.113.", 11, 2));

        using var response = await SignInAsync(client, "alice", AlicePassword, "198.51.100.1");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
    }

    /// <summary>Retry-After is honest: once it has passed, the lockout no longer refuses the right password.</summary>
    [Fact]
    public async Task AfterRetryAfterTheRightPasswordWorks()
    {
        await using var factory = Factory(("SecureApi:RateLimiting:Policies:sensitive:LockoutSeconds", "2"));
        using var client = Start(factory);
        await FailAsync(client, "alice", Addresses("203.0.113.", 1, 5));
        using var locked = await SignInAsync(client, "alice", AlicePassword, "198.51.100.1");
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);

        await Task.Delay(locked.Headers.RetryAfter!.Delta!.Value);
        using var response = await SignInAsync(client, "alice", AlicePassword, "198.51.100.1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("LockoutFailures", "-1")]
    [InlineData("LockoutSeconds", "0")]
    [InlineData("LockoutWindowSeconds", "-5")]
    public async Task AMalformedLockoutSettingFailsStartUpNamingIt(string setting, string value)
    {
        await using var factory = Factory(("SecureApi:RateLimiting:Policies:sensitive:" + setting, value));

        var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("SecureApi:RateLimiting:Policies:sensitive:" + setting, failure.ToString(), StringComparison.Ordinal);
    }

    private static TestServiceFactory Factory(params (string Key, string Value)[] settings)
    {
        var factory = new TestServiceFactory();
        factory.Settings["SecureApi:ForwardedHeaders:KnownProxies:0"] = "127.0.0.1";
        foreach (var (key, value) in settings)
        {
            factory.Settings[key] = value;
        }

        return factory;
    }

    private static HttpClient Start(TestServiceFactory factory) => new() { BaseAddress = KestrelHost.StartHttp(factory) };

    private static IEnumerable<string> Addresses(string network, int first, int count) =>
        Enumerable.Range(first, count).Select(i => network + i.ToString(CultureInfo.InvariantCulture));

    private static async Task FailAsync(HttpClient client, string account, IEnumerable<string> addresses)
    {
        foreach (var address in addresses)
        {
            using var failed = await SignInAsync(client, account, "wrong password", address);
            Assert.Equal(HttpStatusCode.BadRequest, failed.StatusCode);
        }
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string account, string password, string from)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/sign-in", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([new("account", account), new("password", password)]),
        };
        request.Headers.Add("X-Forwarded-For", from);
        return await client.SendAsync(request);
    }

    /// <summary>Status, every header but Date (the wait's seconds masked), and the body without its trace id.</summary>
    private static async Task<string> DescribeAsync(HttpResponseMessage response)
    {
        var headers = response.Headers.Concat(response.Content.Headers)
            .Where(h => h.Key != "Date")
            .OrderBy(h => h.Key, StringComparer.Ordinal)
            .Select(h => h.Key + ": " + (h.Key is "Retry-After" or "RateLimit" ? Seconds().Replace(string.Join(", ", h.Value), "<s>") : string.Join(", ", h.Value)));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        body.Remove("traceId");
        return $"{(int)response.StatusCode}\n{string.Join('\n', headers)}\n{body.ToJsonString()}";
    }

    /// <summary>Retry-After's value and RateLimit's t=: the seconds left, which the clock changes, not the account.</summary>
    [GeneratedRegex(@"\d+$")]
    private static partial Regex Seconds();
}

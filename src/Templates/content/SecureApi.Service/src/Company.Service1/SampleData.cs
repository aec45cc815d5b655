using System.Security.Claims;
using SecureApi;
using SecureApi.Data;

namespace Company.Service1;

/// <summary>
/// Development only: a few example todos for the development user (<c>SampleData:Owner</c>, the <c>--name</c> README's
/// <c>dotnet user-jwts create</c> uses) on a first start, so the API has something to show. Runs after SecureApi has
/// created the tables; adds nothing once that user has any todo.
/// </summary>
internal sealed partial class SampleData(TodoStore todos, IConfiguration configuration, ILogger<SampleData> logger) : IHostedService
{
    private static readonly string[] s_titles = ["Read the README", "Create a development token with dotnet user-jwts", "Call GET /todos with it"];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var owner = configuration["SampleData:Owner"] is { Length: > 0 } subject ? subject : "developer";
        var caller = DevelopmentCaller(owner);
        var existing = await todos.ListAsync(caller, new PageRequest { Limit = 1 }, cancellationToken);
        if (existing.Items.Count > 0)
        {
            return;
        }

        foreach (var title in s_titles)
        {
            await todos.CreateAsync(caller, title, isDone: false, cancellationToken: cancellationToken);
        }

        LogSeeded(logger, s_titles.Length, owner);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The caller a token for <paramref name="subject"/> would be: the stores take a caller, never a bare owner id.</summary>
    private static Caller DevelopmentCaller(string subject)
    {
        var identity = new ClaimsIdentity([new Claim("sub", subject)], authenticationType: "SampleData");
        return Caller.From(new DefaultHttpContext { User = new ClaimsPrincipal(identity) });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Added {Count} sample todos for the development user {Owner}.")]
    private static partial void LogSeeded(ILogger logger, int count, string owner);
}

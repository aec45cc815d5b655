using System.Security.Cryptography;
using System.Text;
using SecureApi;

namespace SecureApi.TestService;

/// <summary>
/// A hand-written sign-in, as a service would write one: a password checked against a fixed user list, a 400 for a wrong
/// account or password (so the failure counts only because the handler reports it), and the lockout asked before the
/// lookup. Marked sensitive, whose policy has the lockout.
/// </summary>
internal static class SignInEndpoint
{
    private static readonly Dictionary<string, string> s_passwords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["alice"] = "correct horse battery staple",
        ["bob"] = "hunter2 but longer",
    };

    public static void MapSignIn(this WebApplication app) =>
        app.MapPost("/sign-in", static async context => await (await SignInAsync(context)).ExecuteAsync(context)).AllowAnonymous().RequireRateLimiting("sensitive");

    private static async Task<IResult> SignInAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var account = form["account"].ToString();
        if (await SignInAttempts.CheckAsync(context, account) is { } lockedOut)
        {
            return lockedOut;
        }

        if (s_passwords.TryGetValue(account, out var expected)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(form["password"].ToString())))
        {
            SignInAttempts.Succeeded(context, account);
            return TypedResults.Text("signed in");
        }

        SignInAttempts.Failed(context, account);
        return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Wrong account or password.");
    }
}

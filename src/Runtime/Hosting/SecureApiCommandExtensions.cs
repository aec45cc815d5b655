using SecureApi.Hosting;

namespace Microsoft.AspNetCore.Builder;

public static class SecureApiCommandExtensions
{
    /// <summary>
    /// Runs a SecureApi command (<c>schema</c>, <c>keys …</c>, <c>audit …</c>, <c>openapi [file]</c>) when the first argument names one, writing to the console
    /// and setting the process exit code; returns false when there is none, so the app serves:
    /// <code>if (await app.RunSecureApiCommandAsync(args)) return;</code>
    /// </summary>
    public static async Task<bool> RunSecureApiCommandAsync(this WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(args);
        if (args is [SecureApi.OpenApi.OpenApiCommand.Name, ..])
        {
            Environment.ExitCode = await SecureApi.OpenApi.OpenApiCommand.RunAsync(app, args, Console.Out, Console.Error);
            return true;
        }

        if (await SecureApiCommands.RunAsync(app.Services, args, Console.Out, Console.Error) is not { } exitCode)
        {
            return false;
        }

        Environment.ExitCode = exitCode;
        return true;
    }
}

using System.Diagnostics;

namespace SecureApi.SampleTests.Infrastructure;

/// <summary>The built sample served by a child process (<c>dotnet NotesService.dll</c> on a free port) on one database, as a deployment runs it.</summary>
public static class SampleProcess
{
    /// <summary>
    /// Starts the sample in Development with the database's settings and <paramref name="settings"/> (as environment
    /// variables), its output appended to <paramref name="log"/>, and returns once it listens and has started.
    /// </summary>
    public static async Task<(Process Process, Uri Address)> StartAsync(DatabaseTarget target, IReadOnlyDictionary<string, string?> settings, ProcessLog log, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = SampleCommand.SampleDirectory(),
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "NotesService.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var (key, value) in target.DatabaseSettings.Concat(settings))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return await SecureApi.Testing.ServiceOutput.StartAsync(start, timeout, "sample", log);
    }
}

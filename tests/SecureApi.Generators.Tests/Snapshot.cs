using System.Runtime.CompilerServices;

namespace SecureApi.Generators.Tests;

/// <summary>
/// Approved-file snapshots: <paramref name="name"/> is compared with <c>Snapshots/{name}.verified.cs</c> beside the calling
/// test file. On a difference the actual text is written to <c>{name}.received.cs</c> for diffing. To approve new output, run
/// the tests with <c>SECUREAPI_ACCEPT_SNAPSHOTS=1</c>, then review and commit the verified files.
/// </summary>
internal static class Snapshot
{
    public const string AcceptVariable = "SECUREAPI_ACCEPT_SNAPSHOTS";

    public static void Match(string actual, string name, [CallerFilePath] string path = "")
    {
        var testDirectory = Path.GetDirectoryName(path);
        if (string.IsNullOrEmpty(testDirectory) || !Directory.Exists(testDirectory))
        {
            Assert.Fail($"Cannot find the test source directory from [CallerFilePath] '{path}' (was the path mapped?).");
        }

        var directory = Path.Combine(testDirectory, "Snapshots");
        var verified = Path.Combine(directory, name + ".verified.cs");
        var received = Path.Combine(directory, name + ".received.cs");
        var text = Normalize(actual);
        Directory.CreateDirectory(directory);

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            File.WriteAllText(verified, text);
            File.Delete(received);
            return;
        }

        if (File.Exists(verified) && Normalize(File.ReadAllText(verified)) == text)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, text);
        Assert.Fail(File.Exists(verified)
            ? $"Snapshot '{name}' differs.\n  verified: {verified}\n  received: {received}\nIf the change is intended, rerun with {AcceptVariable}=1 and commit the verified file."
            : $"Snapshot '{name}' has no verified file.\n  verified: {verified} (missing)\n  received: {received}\nReview it, then rerun with {AcceptVariable}=1 and commit the verified file.");
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
}

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

    private const string VerifiedSuffix = ".verified.cs";

    private static bool Accepting => Environment.GetEnvironmentVariable(AcceptVariable) == "1";

    public static void Match(string actual, string name, [CallerFilePath] string path = "")
    {
        var problem = Compare(SnapshotDirectory(path, folder: null), name, actual);
        if (problem is not null)
        {
            Assert.Fail(problem);
        }
    }

    /// <summary>
    /// Compares every file of <paramref name="files"/> (name → text) with <c>Snapshots/{folder}/{name}.verified.cs</c>, and
    /// fails listing each difference, each missing file and each verified file nothing produces any more. Accepting
    /// also removes those stale files.
    /// </summary>
    public static void MatchFolder(IReadOnlyDictionary<string, string> files, string folder, [CallerFilePath] string path = "")
    {
        var directory = SnapshotDirectory(path, folder);
        var problems = files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => Compare(directory, f.Key, f.Value)).OfType<string>().ToList();
        foreach (var stale in Directory.EnumerateFiles(directory, "*" + VerifiedSuffix).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(stale)[..^VerifiedSuffix.Length];
            if (files.ContainsKey(name))
            {
                continue;
            }

            if (Accepting)
            {
                File.Delete(stale);
            }
            else
            {
                problems.Add($"Snapshot '{folder}/{name}' is no longer generated.\n  verified: {stale}\nIf that is intended, rerun with {AcceptVariable}=1 to remove it.");
            }
        }

        if (problems.Count > 0)
        {
            Assert.Fail(string.Join("\n\n", problems));
        }
    }

    private static string SnapshotDirectory(string callerPath, string? folder)
    {
        var testDirectory = Path.GetDirectoryName(callerPath);
        if (string.IsNullOrEmpty(testDirectory) || !Directory.Exists(testDirectory))
        {
            Assert.Fail($"Cannot find the test source directory from [CallerFilePath] '{callerPath}' (was the path mapped?).");
        }

        var directory = folder is null ? Path.Combine(testDirectory, "Snapshots") : Path.Combine(testDirectory, "Snapshots", folder);
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>Null when <paramref name="actual"/> matches (or is accepted); otherwise what to tell the reader.</summary>
    private static string? Compare(string directory, string name, string actual)
    {
        var verified = Path.Combine(directory, name + VerifiedSuffix);
        var received = Path.Combine(directory, name + ".received.cs");
        var text = Normalize(actual);

        if (Accepting)
        {
            File.WriteAllText(verified, text);
            File.Delete(received);
            return null;
        }

        if (File.Exists(verified) && Normalize(File.ReadAllText(verified)) == text)
        {
            File.Delete(received);
            return null;
        }

        File.WriteAllText(received, text);
        return File.Exists(verified)
            ? $"Snapshot '{name}' differs.\n  verified: {verified}\n  received: {received}\nIf the change is intended, rerun with {AcceptVariable}=1 and commit the verified file."
            : $"Snapshot '{name}' has no verified file.\n  verified: {verified} (missing)\n  received: {received}\nReview it, then rerun with {AcceptVariable}=1 and commit the verified file.";
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
}

namespace SecureApi.Testing;

/// <summary>The repository's root folder (where SecureApi.sln is), found from the test's build output.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SecureApi.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("SecureApi.sln not found above " + AppContext.BaseDirectory);
    }
}

namespace NotesService;

/// <summary>The scopes the sample's endpoints require; an identity provider or an API key grants them.</summary>
public static class Scopes
{
    public const string NotesRead = "notes:read";
    public const string NotesWrite = "notes:write";
    public const string DocsRead = "docs:read";
    public const string DocsWrite = "docs:write";
    public const string StatsRead = "stats:read";
}

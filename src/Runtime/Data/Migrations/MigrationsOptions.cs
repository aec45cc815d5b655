namespace SecureApi.Data.Migrations;

/// <summary>The <c>SecureApi:Database:Migrations</c> section.</summary>
public sealed class MigrationsOptions
{
    /// <summary>How long an instance waits for another one's migration before start-up fails. Default 300.</summary>
    public int LockTimeoutSeconds { get; set; } = 300;
}

using System.Security.Cryptography;
using System.Text;

namespace SecureApi.Data.Migrations;

/// <summary>
/// One planned step: its id (recorded in <c>secureapi_schema_history</c>), the statements it runs in one transaction,
/// and whether it was safe to apply on its own or applied because code declared it (<c>[RenamedFrom]</c>,
/// <c>[Retired]</c>, <c>[MigrationStep]</c>). A step with no statements only records something (a member retired).
/// </summary>
internal sealed record MigrationStep(string Id, string Table, string Description, IReadOnlyList<string> Statements, bool Safe)
{
    /// <summary>A SQLite table rebuild: foreign keys are checked before it commits.</summary>
    public bool Rebuild { get; init; }

    /// <summary>A <c>[MigrationStep]</c>: it runs once, whatever the catalog says, so the history decides.</summary>
    public bool HandWritten { get; init; }

    /// <summary>The statements as printed by <c>migrate --dry-run</c> and hashed into the history.</summary>
    public string Sql => Statements.Count == 0 ? "" : string.Join(";\n", Statements) + ";";

    public string Hash => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql)));

    /// <summary>The step as <c>migrate</c> prints it: a comment naming it, then its SQL.</summary>
    public string Script => $"-- {Id}: {Description}{(Safe ? "" : " (declared)")}" + (Sql.Length == 0 ? "" : "\n" + Sql);
}

/// <summary>What the planner found: the steps to apply in order, or the refused changes (then nothing is applied).</summary>
internal sealed record MigrationPlan(IReadOnlyList<MigrationStep> Steps, IReadOnlyList<string> Refusals)
{
    public string Script => string.Join("\n\n", Steps.Select(s => s.Script));
}

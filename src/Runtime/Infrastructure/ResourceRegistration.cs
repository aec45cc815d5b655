using System.ComponentModel;
using Microsoft.Extensions.DependencyInjection;

namespace SecureApi.Infrastructure;

/// <summary>What a generated resource contributes: its schema for each engine and its stores.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record ResourceRegistration(string Table, string SqliteSchema, string PostgreSqlSchema, Action<IServiceCollection> AddStores)
{
    /// <summary>Some member is <c>[Encrypted]</c>: start-up then requires the encryption keys.</summary>
    public bool HasEncryptedMembers { get; init; }

    /// <summary>The encrypted columns, for the job that re-encrypts them (to a new key, or from plaintext); null when none.</summary>
    public EncryptedColumns? EncryptedColumns { get; init; }

    /// <summary>The declared table, columns and indexes the schema migration compares with the database.</summary>
    public SecureApi.Data.Migrations.ResourceSchema? Schema { get; init; }
}

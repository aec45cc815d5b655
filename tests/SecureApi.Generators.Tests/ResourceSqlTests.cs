using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.Data.Sqlite;

namespace SecureApi.Generators.Tests;

/// <summary>
/// The SQL the generator writes for the representative resources, read as the compiler sees it (the constant values of
/// <c>{T}Sql</c> in the output compilation): only declared identifiers and parameters, always scoped to the caller except
/// in the admin statements, run only as constants, and accepted by SQLite.
/// </summary>
public sealed partial class ResourceSqlTests
{
    private static readonly Lazy<GeneratorRun> s_run = new(() => GeneratorHarness.Run(RepresentativeService.Sources));

    /// <summary>What each representative resource declares, written out here rather than derived from the generator's own model.</summary>
    private static readonly Dictionary<string, Declared> s_declared = new(StringComparer.Ordinal)
    {
        ["Ticket"] = new(
            "tickets",
            ["id", "owner_id", "tenant_id", "title", "body", "priority", "estimate", "due_at", "secret", "internal_note", "created_at", "updated_at", "version"],
            Filterable: ["title", "priority"],
            Owned: true,
            TenantScoped: true),
        ["Shelf"] = new(
            "shelves",
            ["id", "tenant_id", "name", "archived", "capacity"],
            Filterable: ["name"],
            Owned: false,
            TenantScoped: true),
    };

    /// <summary>SQL words the generated statements may use, both engines' DDL types included.</summary>
    private static readonly HashSet<string> s_keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "SELECT", "FROM", "WHERE", "AND", "OR", "IS", "NULL", "NOT", "INSERT", "INTO", "VALUES", "RETURNING", "UPDATE", "SET",
        "CASE", "WHEN", "THEN", "ELSE", "END",
        "DELETE", "ORDER", "BY", "ASC", "DESC", "LIMIT", "CREATE", "TABLE", "INDEX", "IF", "EXISTS", "ON", "PRIMARY", "KEY",
        "AUTOINCREMENT", "GENERATED", "ALWAYS", "AS", "IDENTITY", "INTEGER", "TEXT", "BLOB", "REAL", "uuid", "bigint",
        "boolean", "numeric", "timestamptz", "double", "precision", "VARCHAR",
    };

    private static readonly string[] s_schemaNames = ["SqliteSchema", "PostgreSqlSchema"];

    public static TheoryData<string> Resources => [.. s_declared.Keys];

    [Theory]
    [MemberData(nameof(Resources))]
    public void StatementsHoldOnlyDeclaredIdentifiersKeywordsAndParameters(string resource)
    {
        var declared = s_declared[resource];
        var identifiers = new HashSet<string>(declared.Columns, StringComparer.Ordinal) { declared.Table, $"ix_{declared.Table}_scope" };
        identifiers.UnionWith(declared.Columns.Select(c => $"ix_{declared.Table}_{c}")); // the indexes behind sortable columns
        var parameters = new HashSet<string>(StringComparer.Ordinal) { "@key", "@owner", "@tenant", "@expected", "@now", "@limit", "@after_key", "@after_sort" };
        parameters.UnionWith(declared.Columns.Select(c => "@p_" + c));
        parameters.UnionWith(declared.Columns.Select(c => "@s_" + c));
        parameters.UnionWith(declared.Filterable.Select(c => "@f_" + c));

        foreach (var (name, sql) in Constants(resource))
        {
            foreach (var token in Tokens(sql))
            {
                var allowed = token switch
                {
                    ['@', ..] => parameters.Contains(token),
                    [var first, ..] when char.IsAsciiLetter(first) || first == '_' => identifiers.Contains(token) || s_keywords.Contains(token),
                    "1" => true,
                    "(" or ")" or "," or "=" or "<" or ">" or "+" => true,
                    ";" => s_schemaNames.Contains(name),
                    _ when s_schemaNames.Contains(name) && token.All(char.IsAsciiDigit) => true, // a declared maximum length
                    _ => false,
                };
                Assert.True(allowed, $"{resource}Sql.{name} holds '{token}', which is neither a declared identifier, an SQL keyword nor a known parameter:\n{sql}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public void NoStatementHoldsAQuoteACommentOrASecondStatement(string resource)
    {
        foreach (var (name, sql) in Constants(resource))
        {
            Assert.DoesNotContain('\'', sql);
            Assert.DoesNotContain('"', sql);
            Assert.DoesNotContain('`', sql);
            Assert.DoesNotContain('\\', sql);
            Assert.DoesNotContain("--", sql, StringComparison.Ordinal);
            Assert.DoesNotContain("/*", sql, StringComparison.Ordinal);
            Assert.DoesNotContain("1 = 1", sql, StringComparison.Ordinal); // a WHERE holds only the conditions it really has
            var statements = sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            // A schema is one CREATE TABLE and then only CREATE INDEX statements; everything else is one statement.
            Assert.True(
                s_schemaNames.Contains(name)
                    ? statements[0].StartsWith("CREATE TABLE IF NOT EXISTS ", StringComparison.Ordinal) && statements.Skip(1).All(s => s.StartsWith("CREATE INDEX IF NOT EXISTS ", StringComparison.Ordinal))
                    : statements.Length == 1,
                $"{resource}Sql.{name} holds {statements.Length} statements: {sql}");
        }
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public void EveryStatementButTheAdminOnesIsScopedToTheCaller(string resource)
    {
        var declared = s_declared[resource];
        var scoped = Constants(resource).Where(c => !IsAdmin(c.Name) && c.Name != "Insert" && !s_schemaNames.Contains(c.Name)).ToList();
        Assert.Contains(scoped, c => c.Name == "SelectByKey");
        Assert.Contains(scoped, c => c.Name == "Delete");
        Assert.Contains(scoped, c => c.Name == "Update");
        Assert.Contains(scoped, c => c.Name.StartsWith("List", StringComparison.Ordinal));

        foreach (var (name, sql) in scoped)
        {
            var conditions = TopLevelConditions(sql);
            Assert.True(
                !declared.Owned || conditions.Contains("owner_id = @owner"),
                $"{resource}Sql.{name} does not require owner_id = @owner at the top level of its WHERE clause: {sql}");
            Assert.True(
                !declared.TenantScoped || conditions.Contains("tenant_id = @tenant"),
                $"{resource}Sql.{name} does not require tenant_id = @tenant at the top level of its WHERE clause: {sql}");
            Assert.True(declared.Owned || !sql.Contains("@owner", StringComparison.Ordinal), $"{resource} has no owner, yet {name} names one: {sql}");
        }
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public void AdminStatementsAreTheOnlyUnscopedOnes(string resource)
    {
        var admin = Constants(resource).Where(c => IsAdmin(c.Name)).ToList();
        Assert.Contains(admin, c => c.Name == "AdminSelectByKey");
        Assert.Contains(admin, c => c.Name == "AdminDelete");
        Assert.Contains(admin, c => c.Name.StartsWith("AdminList", StringComparison.Ordinal));

        foreach (var (name, sql) in Constants(resource).Where(c => !s_schemaNames.Contains(c.Name) && c.Name != "Insert"))
        {
            var unscoped = !sql.Contains("@owner", StringComparison.Ordinal) && !sql.Contains("@tenant", StringComparison.Ordinal);
            Assert.True(unscoped == IsAdmin(name), $"{resource}Sql.{name} is {(unscoped ? "unscoped" : "scoped")}: {sql}");
        }
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public void InsertTakesOwnerAndTenantFromTheCallerOnly(string resource)
    {
        var declared = s_declared[resource];
        var insert = Constants(resource).Single(c => c.Name == "Insert").Sql;
        var store = StoreSource(resource);

        Assert.Equal(declared.Owned, insert.Contains("@p_owner_id", StringComparison.Ordinal));
        Assert.Equal(declared.TenantScoped, insert.Contains("@p_tenant_id", StringComparison.Ordinal));
        if (declared.Owned)
        {
            Assert.Contains("Db.Parameter(command, \"@p_owner_id\", caller.Subject, ", store, StringComparison.Ordinal);
            Assert.Contains("Db.Parameter(command, \"@owner\", caller.Subject, ", store, StringComparison.Ordinal);
        }

        if (declared.TenantScoped)
        {
            Assert.Contains("Db.Parameter(command, \"@p_tenant_id\", caller.Tenant ?? throw new global::SecureApi.Data.MissingTenantException(), ", store, StringComparison.Ordinal);
            Assert.Contains("Db.Parameter(command, \"@tenant\", caller.Tenant ?? throw new global::SecureApi.Data.MissingTenantException(), ", store, StringComparison.Ordinal);
        }

        // Neither the scope nor the owner and tenant columns are ever bound from anything but the caller.
        Assert.DoesNotMatch(@"""@(owner|tenant|p_owner_id|p_tenant_id)"", (?!caller\.)", store);
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public void UpdateNeverWritesKeyOwnerTenantOrCreationStamp(string resource)
    {
        var update = Flat(Constants(resource).Single(c => c.Name == "Update").Sql);
        var assignments = update[(update.IndexOf(" SET ", StringComparison.Ordinal) + 5)..update.IndexOf(" WHERE ", StringComparison.Ordinal)];

        foreach (var column in new[] { "id", "owner_id", "tenant_id", "created_at" })
        {
            Assert.DoesNotMatch($@"(^|, ){column} =", assignments);
        }
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public void UpdateSetsEachClientMemberOnlyWhenItsFlagIsSet(string resource)
    {
        var declared = s_declared[resource];
        var update = Flat(Constants(resource).Single(c => c.Name == "Update").Sql);
        var clientData = declared.Columns.Where(c => update.Contains($"@p_{c}", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(clientData);
        Assert.All(clientData, column => Assert.Contains($"{column} = CASE WHEN @s_{column} THEN @p_{column} ELSE {column} END", update, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public void EveryStatementNamesOnlyParametersItsTextUsesAndViceVersa(string resource)
    {
        // The generator's own statement model: the list of parameters each constant is emitted and bound from.
        var spec = s_run.Value.Result.TrackedSteps[TrackingNames.ResourceSpecs]
            .SelectMany(step => step.Outputs).Select(output => (Models.ResourceSpec)output.Value).Single(r => r.TypeName == resource);
        var statements = new Emitting.Stores.ResourceStatements(spec).All.ToList();
        Assert.Equal(Constants(resource).Select(c => c.Name).Order(), statements.Select(s => s.Name).Order());

        foreach (var statement in statements)
        {
            var inText = ParameterRegex().Matches(statement.Text).Select(m => m.Value).Distinct().ToList();
            Assert.Equal(inText, statement.Parameters.Select(p => p.Name));
        }
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public void StoresRunOnlyTheirSqlConstants(string resource)
    {
        var root = CSharpSyntaxTree.ParseText(StoreSource(resource)).GetCompilationUnitRoot();
        var sqlClass = resource + "Sql";

        Assert.DoesNotContain(root.DescendantNodes(), node => node is InterpolatedStringExpressionSyntax);
        Assert.DoesNotContain(root.DescendantTokens(), token => token.ValueText == "CommandText");
        var commands = root.DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Where(call => call.Expression.ToString() == "global::SecureApi.Infrastructure.Db.Command")
            .ToList();
        Assert.NotEmpty(commands);
        foreach (var command in commands)
        {
            var text = command.ArgumentList.Arguments[1].Expression;
            var constant = text is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: var owner } } && owner == sqlClass;
            Assert.True(constant || text.ToString() == "sql", $"A store runs SQL that is not one of {sqlClass}'s constants: {command}");
        }

        // 'sql' is only ever chosen among the constants.
        foreach (var declarator in root.DescendantNodes().OfType<VariableDeclaratorSyntax>().Where(v => v.Identifier.ValueText == "sql"))
        {
            var choice = Assert.IsType<SwitchExpressionSyntax>(declarator.Initializer?.Value);
            Assert.NotEmpty(choice.Arms);
            Assert.All(choice.Arms, arm => Assert.True(
                arm.Expression is ThrowExpressionSyntax || arm.Expression.ToString().StartsWith(sqlClass + ".", StringComparison.Ordinal),
                $"'sql' may be something other than a constant: {arm}"));
        }
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public void EveryMethodBindsExactlyTheParametersItsStatementsName(string resource)
    {
        var root = CSharpSyntaxTree.ParseText(StoreSource(resource)).GetCompilationUnitRoot();
        var constants = Constants(resource).ToDictionary(c => c.Name, c => c.Sql, StringComparer.Ordinal);
        var stores = root.DescendantNodes().OfType<ClassDeclarationSyntax>().Where(c => c.Identifier.ValueText.EndsWith("Store", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, stores.Count);

        foreach (var store in stores)
        {
            foreach (var method in store.Members.OfType<MethodDeclarationSyntax>())
            {
                var named = method.DescendantNodes().OfType<MemberAccessExpressionSyntax>()
                    .Where(m => m.Expression.ToString() == resource + "Sql")
                    .SelectMany(m => ParameterRegex().Matches(constants[m.Name.Identifier.ValueText]).Select(match => match.Value))
                    .ToHashSet(StringComparer.Ordinal);
                var bound = BoundNames(method);

                Assert.True(named.SetEquals(bound), $"{store.Identifier}.{method.Identifier} names [{string.Join(", ", named.Order())}] but binds [{string.Join(", ", bound.Order())}].");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public void SqliteAcceptsTheSchemaAndEveryStatement(string resource)
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        var constants = Constants(resource).ToList();
        using (var schema = connection.CreateCommand())
        {
            schema.CommandText = constants.Single(c => c.Name == "SqliteSchema").Sql;
            schema.ExecuteNonQuery();
        }

        foreach (var (name, sql) in constants.Where(c => !s_schemaNames.Contains(c.Name)))
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            var exception = Record.Exception(command.Prepare);
            Assert.True(exception is null, $"SQLite refuses {resource}Sql.{name}: {exception?.Message}\n{sql}");
        }
    }

    [Fact]
    public void ScopeIndexLeadsWithTheScopeColumns()
    {
        var schemas = Constants("Ticket").Where(c => s_schemaNames.Contains(c.Name)).ToList();

        Assert.Equal(s_schemaNames.Length, schemas.Count);
        Assert.All(schemas, schema =>
        {
            Assert.Contains("CREATE INDEX IF NOT EXISTS ix_tickets_scope ON tickets (tenant_id, owner_id, id);", schema.Sql, StringComparison.Ordinal);
            Assert.Contains("CREATE INDEX IF NOT EXISTS ix_tickets_title ON tickets (tenant_id, owner_id, title, id);", schema.Sql, StringComparison.Ordinal);
        });
    }

    private static string Flat(string sql) => WhitespaceRegex().Replace(sql, " ");

    private static bool IsAdmin(string name) => name.StartsWith("Admin", StringComparison.Ordinal);

    /// <summary>The <c>{resource}Sql</c> constants as the compiler evaluates them in the output compilation.</summary>
    private static List<(string Name, string Sql)> Constants(string resource)
    {
        var type = s_run.Value.Output.GetTypeByMetadataName($"{RepresentativeService.Namespace}.{resource}Sql")
            ?? throw new InvalidOperationException($"No generated {resource}Sql class.");
        var constants = type.GetMembers().OfType<IFieldSymbol>().Where(f => f.IsConst).Select(f => (f.Name, Sql: (string)f.ConstantValue!)).ToList();
        Assert.NotEmpty(constants);
        return constants;
    }

    private static string StoreSource(string resource) => s_run.Value.Source($"{RepresentativeService.Namespace}.{resource}.Store.g.cs");

    private static IEnumerable<string> Tokens(string sql) =>
        TokenRegex().Matches(sql).Select(m => m.Value).Where(token => !string.IsNullOrWhiteSpace(token));

    /// <summary>The conditions joined by AND at parenthesis depth 0 of the WHERE clause; fails on a top-level OR, which could widen the scope.</summary>
    private static HashSet<string> TopLevelConditions(string sql)
    {
        sql = Flat(sql);
        var where = sql.IndexOf(" WHERE ", StringComparison.Ordinal);
        Assert.True(where >= 0, $"No WHERE clause: {sql}");
        var clause = sql[(where + 7)..];
        foreach (var end in new[] { " ORDER BY ", " RETURNING ", " LIMIT " })
        {
            var cut = clause.IndexOf(end, StringComparison.Ordinal);
            clause = cut >= 0 ? clause[..cut] : clause;
        }

        var conditions = new HashSet<string>(StringComparer.Ordinal);
        var depth = 0;
        var start = 0;
        var tokens = TokenRegex().Matches(clause).ToList();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i].Value;
            depth += token == "(" ? 1 : token == ")" ? -1 : 0;
            Assert.True(depth >= 0, $"Unbalanced parentheses: {sql}");
            Assert.False(depth == 0 && token.Equals("OR", StringComparison.OrdinalIgnoreCase), $"Top-level OR in a WHERE clause: {sql}");
            if (depth == 0 && token.Equals("AND", StringComparison.OrdinalIgnoreCase))
            {
                conditions.Add(clause[start..tokens[i].Index].Trim());
                start = tokens[i].Index + token.Length;
            }
        }

        Assert.Equal(0, depth);
        conditions.Add(clause[start..].Trim());
        return conditions;
    }

    private static HashSet<string> BoundNames(SyntaxNode node) =>
        node.DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Where(call => call.Expression.ToString() == "global::SecureApi.Infrastructure.Db.Parameter")
            .Select(call => call.ArgumentList.Arguments[1].Expression)
            .Select(argument => Assert.IsType<LiteralExpressionSyntax>(argument).Token.ValueText)
            .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"@?[A-Za-z_][A-Za-z0-9_]*|[0-9]+|\s+|.", RegexOptions.Singleline)]
    private static partial Regex TokenRegex();

    [GeneratedRegex(@"@[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex ParameterRegex();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRegex();

    private sealed record Declared(string Table, string[] Columns, string[] Filterable, bool Owned, bool TenantScoped);
}

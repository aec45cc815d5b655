namespace SecureApi.SampleTests.Infrastructure;

/// <summary>Where a test class's databases come from: the same tests run against each engine.</summary>
public interface IEngine
{
    /// <summary>A new database that no other test uses; the caller disposes it.</summary>
    Task<DatabaseTarget> CreateDatabaseAsync();
}

public sealed class SqliteEngine : IEngine
{
    public Task<DatabaseTarget> CreateDatabaseAsync() => Task.FromResult<DatabaseTarget>(new SqliteTarget());
}

public sealed class PostgresEngine(PostgresServer server) : IEngine
{
    public async Task<DatabaseTarget> CreateDatabaseAsync() => new PostgresTarget(await server.Cluster.CreateDatabaseAsync());
}

/// <summary>One PostgreSQL server for the whole run, shared by every PostgreSQL test class (which therefore run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class SharedPostgresServer : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}

/// <summary>The collection fixture around the shared throwaway cluster: started before the first test, removed after the last.</summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private PostgresCluster? _cluster;

    public PostgresCluster Cluster => _cluster ?? throw new InvalidOperationException("The PostgreSQL cluster is not started yet.");

    public async Task InitializeAsync() => _cluster = await PostgresCluster.StartAsync();

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}

/// <summary>
/// A class fixture: the database (and the factory on it) one test class shares, created by the first test with the
/// class's engine and removed after the last.
/// </summary>
public sealed class ClassDatabase : IAsyncLifetime
{
    private DatabaseTarget? _target;
    private SampleFactory? _factory;

    public DatabaseTarget Target => _target ?? throw new InvalidOperationException("The class database is not created yet.");

    public SampleFactory Factory => _factory ?? throw new InvalidOperationException("The class database is not created yet.");

    /// <summary>Called before each test; xunit runs a class's tests one at a time, so no lock is needed.</summary>
    public async Task EnsureAsync(IEngine engine)
    {
        if (_target is null)
        {
            _target = await engine.CreateDatabaseAsync();
            _factory = _target.CreateFactory();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_target is not null)
        {
            await _target.DisposeAsync();
        }
    }
}

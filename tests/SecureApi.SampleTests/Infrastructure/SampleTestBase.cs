namespace SecureApi.SampleTests.Infrastructure;

/// <summary>
/// What every test class shares: a database of its own on its engine (created by the first test, removed after the
/// last) and a factory on it. The test classes are abstract; each has a SQLite and a PostgreSQL subclass.
/// </summary>
public abstract class SampleTestBase(ClassDatabase database, IEngine engine) : IClassFixture<ClassDatabase>, IAsyncLifetime
{
    protected IEngine Engine => engine;

    protected DatabaseTarget Target => database.Target;

    protected SampleFactory Factory => database.Factory;

    protected HttpClient Client(string subject) => Factory.ClientFor(subject);

    protected HttpClient Client(TestCaller caller) => Factory.ClientFor(caller);

    public Task InitializeAsync() => database.EnsureAsync(engine);

    public Task DisposeAsync() => Task.CompletedTask;
}

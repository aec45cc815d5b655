using SecureApi.SampleTests.Infrastructure;
using static SecureApi.SampleTests.Infrastructure.Api;

namespace SecureApi.SampleTests;

/// <summary>Keyset pagination: following <c>nextCursor</c> visits every row exactly once, in the requested order, within the limit bounds.</summary>
public abstract class PaginationTests(ClassDatabase database, IEngine engine) : SampleTestBase(database, engine)
{
    /// <summary>Seven titles, two of them equal so the key breaks the tie; ASCII, so every collation orders them alike.</summary>
    private static readonly string[] Titles = ["kiwi", "apple", "mango", "banana", "apple", "cherry", "Zebra"];

    [Fact]
    public async Task KeyOrderPagesOfThreeSeeAllSevenNotesOnceInKeyOrder()
    {
        var (client, notes) = await SevenNotesAsync();

        var (items, sizes) = await ListAllAsync<NoteDto>(client, "/notes", "limit=3");

        Assert.Equal([3, 3, 1], sizes);
        var expected = notes.Select(n => n.Id).Order(Comparer<Guid>.Create(Target.CompareKeys)).ToList();
        Assert.Equal(expected, items.Select(n => n.Id));
    }

    [Theory]
    [InlineData("title")]
    [InlineData("-title")]
    [InlineData("createdAt")]
    [InlineData("-createdAt")]
    public async Task SortedPagesOfThreeSeeAllSevenNotesOnceInSortOrder(string sort)
    {
        var (client, notes) = await SevenNotesAsync();

        var (items, sizes) = await ListAllAsync<NoteDto>(client, "/notes", $"limit=3&sort={sort}");

        Assert.Equal([3, 3, 1], sizes);
        Assert.Equal(Expected(notes, sort).Select(n => n.Id), items.Select(n => n.Id));
    }

    [Fact]
    public async Task AFilteredListPagesThroughItsMatchesOnly()
    {
        var (client, notes) = await SevenNotesAsync();

        var (items, sizes) = await ListAllAsync<NoteDto>(client, "/notes", "limit=1&filter.title=apple&sort=-createdAt");

        Assert.Equal([1, 1], sizes);
        Assert.Equal(Expected(notes.Where(n => n.Title == "apple"), "-createdAt").Select(n => n.Id), items.Select(n => n.Id));
    }

    [Fact]
    public async Task APageThatEndsExactlyAtTheLastRowHasNoNextCursor()
    {
        var (client, _) = await SevenNotesAsync();

        var page = await PageAsync<NoteDto>(client, "/notes?limit=7");

        Assert.Equal(7, page.Items.Count);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task RowsAddedBehindTheCursorAreNotRepeatedAndRowsAheadAreSeen()
    {
        var (client, notes) = await SevenNotesAsync();
        var first = await PageAsync<NoteDto>(client, "/notes?limit=3&sort=title");
        Assert.Equal(["Zebra", "apple", "apple"], first.Items.Select(n => n.Title)); // ordinal: upper case first

        var behind = await CreateNoteAsync(client, "Aardvark");
        var ahead = await CreateNoteAsync(client, "zucchini");
        var (rest, _) = await ListAllAsync<NoteDto>(client, "/notes", "limit=3&sort=title", first.NextCursor);

        Assert.DoesNotContain(rest, n => n.Id == behind.Id);
        Assert.Contains(rest, n => n.Id == ahead.Id);
        Assert.Equal(notes.Count + 1, first.Items.Count + rest.Count);
    }

    [Fact]
    public async Task TheLimitDefaultsToFiftyAndAllowsAHundred()
    {
        var client = Client(SampleFactory.NewFreshCaller());
        var created = new List<Guid>();
        for (var i = 0; i < 101; i++)
        {
            created.Add((await CreateNoteAsync(client, $"bulk-{i:000}")).Id);
        }

        var (byDefault, defaultSizes) = await ListAllAsync<NoteDto>(client, "/notes");
        Assert.Equal([50, 50, 1], defaultSizes);
        Assert.Equal(created.Order(), byDefault.Select(n => n.Id).Order());

        var (byHundred, hundredSizes) = await ListAllAsync<NoteDto>(client, "/notes", "limit=100&sort=title");
        Assert.Equal([100, 1], hundredSizes);
        Assert.Equal(created, byHundred.Select(n => n.Id));
    }

    private async Task<(HttpClient Client, List<NoteDto> Notes)> SevenNotesAsync()
    {
        var client = Client(SampleFactory.NewFreshCaller());
        var notes = new List<NoteDto>();
        foreach (var title in Titles)
        {
            notes.Add(await CreateNoteAsync(client, title));
        }

        return (client, notes);
    }

    private IEnumerable<NoteDto> Expected(IEnumerable<NoteDto> notes, string sort)
    {
        var keys = Comparer<Guid>.Create(Target.CompareKeys);
        return sort switch
        {
            "title" => notes.OrderBy(n => n.Title, StringComparer.Ordinal).ThenBy(n => n.Id, keys),
            "-title" => notes.OrderByDescending(n => n.Title, StringComparer.Ordinal).ThenByDescending(n => n.Id, keys),
            "createdAt" => notes.OrderBy(n => n.CreatedAt).ThenBy(n => n.Id, keys),
            "-createdAt" => notes.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id, keys),
            _ => throw new ArgumentOutOfRangeException(nameof(sort)),
        };
    }
}

public sealed class SqlitePaginationTests(ClassDatabase database) : PaginationTests(database, new SqliteEngine());

[Collection(SharedPostgresServer.Name)]
public sealed class PostgresPaginationTests(PostgresServer server, ClassDatabase database) : PaginationTests(database, new PostgresEngine(server));

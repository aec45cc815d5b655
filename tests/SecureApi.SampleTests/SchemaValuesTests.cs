using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SecureApi.SampleTests.OpenApi;

namespace SecureApi.SampleTests;

/// <summary>The test-side value synthesiser, on a hand-written document.</summary>
public sealed class SchemaValuesTests
{
    private readonly OpenApiDescription _document = HandWrittenDocument.Parse();
    private readonly SchemaValues _values;

    public SchemaValuesTests() => _values = new SchemaValues(_document);

    private JsonObject Schema(string name) => _document.Resolve(_document.Root["components"]!["schemas"]![name]);

    private JsonObject Member(string schema, string member) => _document.Resolve(Schema(schema)["properties"]![member]);

    [Fact]
    public void AValidObjectHasEveryWritableMemberAndNoReadOnlyOne()
    {
        var note = Assert.IsType<JsonObject>(_values.Valid(Schema("NewNote")));

        Assert.Equal(["title", "body", "privateNote", "meta"], note.Select(m => m.Key));
        Assert.Equal(["tags", "stars"], note["meta"]!.AsObject().Select(m => m.Key));
    }

    [Fact]
    public void AValidValueKeepsEveryBound()
    {
        var key = Assert.IsType<JsonObject>(_values.Valid(Schema("NewApiKey")));

        Assert.Matches(Member("NewApiKey", "subject")["pattern"]!.GetValue<string>(), key["subject"]!.GetValue<string>());
        Assert.Matches(Member("NewApiKey", "roles")["pattern"]!.GetValue<string>(), key["roles"]!.GetValue<string>());
        Assert.Equal("User", key["kind"]!.GetValue<string>()); // the first member of the enum behind anyOf [null, $ref]
        Assert.Equal(1, key["lifetimeDays"]!.GetValue<decimal>());
        var meta = Assert.IsType<JsonObject>(_values.Valid(Schema("Meta")));
        Assert.Single(meta["tags"]!.AsArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(201)]
    public void AStringOfALengthMatchesThePattern(int length)
    {
        var subject = Member("NewApiKey", "subject");

        var text = SchemaValues.StringOfLength(subject, length);

        Assert.Equal(length, text!.Length);
        Assert.Matches(subject["pattern"]!.GetValue<string>(), text);
    }

    [Fact]
    public void AStringThatBreaksThePatternIsWithinTheLengthBounds()
    {
        var roles = Member("NewApiKey", "roles");

        var text = SchemaValues.StringBreakingPattern(roles)!;

        Assert.DoesNotMatch(roles["pattern"]!.GetValue<string>(), text);
        Assert.InRange(text.Length, 0, 2000);
    }

    [Fact]
    public void IntegerBoundsComeFromMinimumMaximumAndFormat()
    {
        Assert.Equal((1m, 365m), SchemaValues.IntegerBounds(Member("NewApiKey", "lifetimeDays")));
        Assert.Equal(((decimal)int.MinValue, (decimal)int.MaxValue), SchemaValues.IntegerBounds(Member("NewApiKey", "count")));
    }

    [Fact]
    public void AUuidIsAFreshValidGuid() =>
        Assert.True(Guid.TryParse(_values.Valid(_document.Operation("GET /notes/{id}").Parameters[0].Schema)!.GetValue<string>(), out _));

    [Fact]
    public void ThePatternsAreDotNetRegexes() =>
        Assert.DoesNotMatch(new Regex(Member("NewApiKey", "subject")["pattern"]!.GetValue<string>()), " padded ");
}

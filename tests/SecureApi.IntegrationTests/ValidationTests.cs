using System.Net;

namespace SecureApi.IntegrationTests;

/// <summary>Every data-annotation rule is enforced by generated code, with all errors at once, keyed by JSON path.</summary>
public sealed class ValidationTests(TestServiceFactory factory) : IClassFixture<TestServiceFactory>
{
    private async Task<Problem> PostWidgetAsync(string members)
    {
        var json = "{" + members + "}";
        var response = await factory.ClientFor("alice").PostAsync("/widgets", TestServiceFactory.Json(json));
        return await Problem.ReadAsync(response);
    }

    [Theory]
    [InlineData("""
        "quantity":3,"kind":"gear"
        """, "name")]
    [InlineData("""
        "name":null,"quantity":3,"kind":"gear"
        """, "name")]
    [InlineData("""
        "name":"","quantity":3,"kind":"gear"
        """, "name")]
    [InlineData("""
        "name":"g","quantity":3,"kind":"gear"
        """, "name")]
    [InlineData("""
        "name":"this name is far longer than forty characters allowed","quantity":3,"kind":"gear"
        """, "name")]
    [InlineData("""
        "name":"gear","quantity":0,"kind":"gear"
        """, "quantity")]
    [InlineData("""
        "name":"gear","quantity":1001,"kind":"gear"
        """, "quantity")]
    [InlineData("""
        "name":"gear","quantity":3,"kind":"gear","code":"abc-123"
        """, "code")]
    [InlineData("""
        "name":"gear","quantity":3,"kind":"gear","contactEmail":"not-an-email"
        """, "contactEmail")]
    [InlineData("""
        "name":"gear","quantity":3,"kind":"gear","color":"purple"
        """, "color")]
    [InlineData("""
        "name":"gear","quantity":3,"kind":"gear","label":"admin"
        """, "label")]
    [InlineData("""
        "name":"gear","quantity":3,"kind":"gear","tags":[]
        """, "tags")]
    [InlineData("""
        "name":"gear","quantity":3,"kind":"gear","tags":["a","b","c","d"]
        """, "tags")]
    [InlineData("""
        "name":"gear","quantity":3,"kind":"gear","size":{"width":0,"height":5}
        """, "size.width")]
    [InlineData("""
        "name":"gear","quantity":3,"kind":"gear","parts":[{"name":"a","count":1},{"name":"b","count":11}]
        """, "parts[1].count")]
    [InlineData("""
        "name":"gear","quantity":3,"kind":"gear","parts":[{"count":1}]
        """, "parts[0].name")]
    [InlineData("""
        "name":"gear","quantity":3,"kind":"gear","parts":[null]
        """, "parts[0]")]
    [InlineData("""
        "name":"gear","quantity":3,"kind":"gear","parts":[{"name":"a","count":1},{"name":"a","count":1},{"name":"a","count":1},{"name":"a","count":1},{"name":"a","count":1},{"name":"a","count":1}]
        """, "parts")]
    [InlineData("""
        "name":"gear","quantity":3,"kind":"gear","weight":100
        """, "weight")]
    public async Task RuleViolationReturns400KeyedByJsonPath(string members, string key)
    {
        var problem = await PostWidgetAsync(members);

        Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
        Assert.Contains(key, problem.Errors.Keys);
        Assert.Single(problem.Errors);
    }

    [Fact]
    public async Task AllRuleViolationsAreReportedAtOnce()
    {
        var problem = await PostWidgetAsync("""
            "name":"g","quantity":0,"kind":"gear","code":"bad","color":"pink","size":{"width":500,"height":500}
            """);

        Assert.Equal(["code", "color", "name", "quantity", "size.height", "size.width"], problem.Errors.Keys.Order());
    }

    [Fact]
    public async Task ValidBodyWithEveryOptionalMemberIsAccepted()
    {
        var problem = await factory.ClientFor("alice").PostAsync("/widgets", TestServiceFactory.Json("""
            {"name":"gear","quantity":3,"kind":"spring","code":"ABC-123","contactEmail":"a@example.com","color":"red","label":"ok",
             "tags":["x"],"size":{"width":1,"height":100},"weight":12.5,"parts":[{"name":"cog","count":2}]}
            """));

        Assert.Equal(HttpStatusCode.Created, problem.StatusCode);
    }
}

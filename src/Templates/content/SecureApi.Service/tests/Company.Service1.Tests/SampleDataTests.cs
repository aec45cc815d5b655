using System.Net.Http.Json;
using System.Text.Json;

namespace Company.Service1.Tests;

/// <summary>What the development user (<c>SampleData:Owner</c> in appsettings.Development.json) finds on a first start.</summary>
[Collection(SharedService.Name)]
public sealed class SampleDataTests(ServiceHost service)
{
#if (SampleData)
    [Fact]
    public async Task TheDevelopmentUserStartsWithThreeSampleTodos()
#else
    [Fact]
    public async Task TheDevelopmentUserStartsWithNoTodos()
#endif
    {
        var page = await service.As("developer", TodosApi.Read).GetFromJsonAsync<JsonElement>(new Uri("/todos", UriKind.Relative));

#if (SampleData)
        Assert.Equal(3, page.GetProperty("items").GetArrayLength());
#else
        Assert.Equal(0, page.GetProperty("items").GetArrayLength());
#endif
    }
}

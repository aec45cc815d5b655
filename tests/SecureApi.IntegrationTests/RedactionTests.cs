using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using SecureApi.Monitoring;

namespace SecureApi.IntegrationTests;

/// <summary>[Sensitive] and [Encrypted] are data classes the host's redactor erases; the console writes JSON outside Development.</summary>
public sealed class RedactionTests(TestServiceFactory factory) : IClassFixture<TestServiceFactory>
{
    [Fact]
    public void SensitiveAndEncryptedMembersCarryTheSecureApiClassifications()
    {
        Assert.Equal(
            (SecureApiTaxonomy.Sensitive, SecureApiTaxonomy.Encrypted),
            (new SensitiveAttribute().Classification, new EncryptedAttribute().Classification));
    }

    [Theory]
    [InlineData("Sensitive")]
    [InlineData("Encrypted")]
    public void TheHostsRedactorErasesEachSecureApiClass(string name)
    {
        var redactors = factory.Services.GetRequiredService<IRedactorProvider>();

        var redacted = redactors.GetRedactor(new DataClassificationSet(new DataClassification(SecureApiTaxonomy.Name, name))).Redact("zebra-classified-value");

        Assert.Equal("", redacted);
    }

    [Fact]
    public async Task OutsideDevelopmentTheConsoleWritesJson()
    {
        await using var production = new TestServiceFactory { Environment = "Production" };
        production.Settings["SecureApi:Transport:RequireHttps"] = "false";

        Assert.Equal(ConsoleFormatterNames.Json, FormatterOf(production.Services));
    }

    [Fact]
    public void InDevelopmentTheConsoleKeepsItsReadableFormat()
    {
        Assert.Equal(ConsoleFormatterNames.Simple, FormatterOf(factory.Services));
    }

#pragma warning disable CS0618 // FormatterName is the switch AddSecureApi sets
    private static string? FormatterOf(IServiceProvider services) => services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName;
#pragma warning restore CS0618
}

using SecureApi.AiGuards.OutputFiltering;

namespace SecureApi.IntegrationTests.OutputFiltering;

/// <summary>
/// Each detector finds its kind in the shapes people and models write it, and leaves the near misses alone: numbers that
/// fail Luhn or the IBAN checksum, years, ids, amounts, dates, versions, and words like "password" in prose.
/// </summary>
public sealed class OutputDetectorTests
{
    [Theory]
    [InlineData("Write to alice@example.com today.", "alice@example.com")]
    [InlineData("Contact: Bob.Smith+notes@mail.example.co.uk.", "Bob.Smith+notes@mail.example.co.uk")]
    [InlineData("<li>carol_o'neil@sub-domain.example.org</li>", "carol_o'neil@sub-domain.example.org")]
    [InlineData("(dave@example.io)", "dave@example.io")]
    [InlineData("mailto:erin@example.net?subject=hi", "erin@example.net")]
    public void FindsEmailAddresses(string text, string secret) => AssertRedacted(text, secret, OutputKinds.Email);

    [Theory]
    [InlineData("Call +44 20 7946 0958 now", "+44 20 7946 0958")]
    [InlineData("Phone: +1 (555) 234-5678.", "+1 (555) 234-5678")]
    [InlineData("Phone: (555) 234-5678.", "(555) 234-5678")]
    [InlineData("Phone 555-234-5678 or", "555-234-5678")]
    [InlineData("Phone 555.234.5678 or", "555.234.5678")]
    [InlineData("Ring 020 7946 0958.", "020 7946 0958")]
    [InlineData("Mobile 07700 900123", "07700 900123")]
    [InlineData("Tél. 01 23 45 67 89", "01 23 45 67 89")]
    [InlineData("Tél. +33 1 23 45 67 89", "+33 1 23 45 67 89")]
    [InlineData("Ruf 030-12345678 an", "030-12345678")]
    [InlineData("Dial 0044 20 7946 0958", "0044 20 7946 0958")]
    [InlineData("WhatsApp +491701234567", "+491701234567")]
    public void FindsPhoneNumbers(string text, string secret) => AssertRedacted(text, secret, OutputKinds.Phone);

    [Theory]
    [InlineData("Card 4111111111111111 expires", "4111111111111111")]
    [InlineData("Card 4111 1111 1111 1111 expires", "4111 1111 1111 1111")]
    [InlineData("Card 5555-5555-5555-4444.", "5555-5555-5555-4444")]
    [InlineData("Amex 3782 822463 10005", "3782 822463 10005")]
    [InlineData("Discover 6011111111111117", "6011111111111117")]
    [InlineData("JCB 3530111333300000", "3530111333300000")]
    [InlineData("Diners 30569309025904", "30569309025904")]
    [InlineData("Visa13 4222222222222", "4222222222222")]
    [InlineData("ref 12 4012 8888 8888 1881 ok", "4012 8888 8888 1881")]
    [InlineData("MC2 2223003122003222", "2223003122003222")]
    public void FindsPaymentCards(string text, string secret) => AssertRedacted(text, secret, OutputKinds.PaymentCard);

    [Theory]
    [InlineData("IBAN GB82WEST12345698765432.", "GB82WEST12345698765432")]
    [InlineData("IBAN GB82 WEST 1234 5698 7654 32 please", "GB82 WEST 1234 5698 7654 32")]
    [InlineData("Konto DE89 3704 0044 0532 0130 00", "DE89 3704 0044 0532 0130 00")]
    [InlineData("FR1420041010050500013M02606", "FR1420041010050500013M02606")]
    [InlineData("NL91ABNA0417164300;", "NL91ABNA0417164300")]
    [InlineData("CH93 0076 2011 6238 5295 7", "CH93 0076 2011 6238 5295 7")]
    [InlineData("BE68539007547034", "BE68539007547034")]
    public void FindsIbans(string text, string secret) => AssertRedacted(text, secret, OutputKinds.Iban);

    [Theory]
    [InlineData("key AKIAIOSFODNN7EXAMPLE here", "AKIAIOSFODNN7EXAMPLE")]
    [InlineData("\"ASIAY34FZKBOKMUTVV7A\"", "ASIAY34FZKBOKMUTVV7A")]
    [InlineData("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")]
    [InlineData("token ghp_1234567890abcdefghijklmnopqrstuvwxyZ", "ghp_1234567890abcdefghijklmnopqrstuvwxyZ")]
    [InlineData("GITHUB_TOKEN=github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456", "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456")]
    [InlineData("stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc", "sk_live_4eC39HqLyjWDarjtT1zdp7dc")]
    [InlineData("slack xoxb-123456789012-abcdefghijkl", "xoxb-123456789012-abcdefghijkl")]
    [InlineData("maps AIzaSyA1234567890abcdefghijklmnopqrstuv", "AIzaSyA1234567890abcdefghijklmnopqrstuv")]
    public void FindsApiKeysAndCloudCredentials(string text, string secret) => AssertRedacted(text, secret, OutputKinds.ApiKey);

    [Fact]
    public void FindsSecureApisOwnKeys() => AssertRedacted("Use ApiKey " + Secrets.SecureApiKey + " for the agent.", Secrets.SecureApiKey, OutputKinds.ApiKey);

    [Fact]
    public void FindsJwts() => AssertRedacted("Authorization: Bearer " + Secrets.Jwt, Secrets.Jwt, OutputKinds.Jwt);

    [Fact]
    public void FindsPrivateKeyBlocks() => AssertRedacted("Here it is:\n" + Secrets.PrivateKey + "\nKeep it safe.", Secrets.PrivateKey, OutputKinds.PrivateKey);

    [Fact]
    public void FindsAPrivateKeyBlockCutOffBeforeItsEnd()
    {
        var cut = Secrets.PrivateKey[..200];

        var result = TestFilters.Redacting.Filter("key:\n" + cut);

        Assert.Equal("key:\n[redacted:private-key]", result.Text);
    }

    [Theory]
    [InlineData("Server=db;Database=notes;User Id=app;Password=S3cr3t!;", "S3cr3t!")]
    [InlineData("Host=db; Username=app; Password = hunter2; Database=notes", "hunter2")]
    [InlineData("Data Source=x;pwd='p@ss word';", "p@ss word")]
    [InlineData("use Pwd=topsecret for the test server", "topsecret")]
    [InlineData("postgres://app:s3cret@db.internal:5432/notes", "s3cret")]
    [InlineData("redis://default:hunter2@cache:6379", "hunter2")]
    [InlineData("mongodb+srv://admin:pa55word@cluster0.example.net/db", "pa55word")]
    public void FindsConnectionStringPasswords(string text, string secret) => AssertRedacted(text, secret, OutputKinds.ConnectionString);

    [Theory]
    [InlineData("[click](javascript:alert(document.cookie))", "javascript:alert(document.cookie)")]
    [InlineData("<a href=\"JavaScript:fetch('//evil')\">x</a>", "JavaScript:fetch('//evil')")]
    [InlineData("<a href=\"java\tscript:alert(1)\">x</a>", "script:alert(1)")]
    [InlineData("<a href='javascript: alert(1)'>", "alert(1)")]
    [InlineData("vbscript:msgbox(1)", "vbscript:msgbox(1)")]
    [InlineData("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")]
    [InlineData("Hi <script>steal()</script> there", "<script>steal()</script>")]
    [InlineData("Hi <SCRIPT src=//evil.example/x.js></SCRIPT>", "evil.example/x.js")]
    public void FindsScriptLinks(string text, string secret) => AssertRedacted(text, secret, OutputKinds.ScriptLink);

    [Theory]
    [InlineData("Card 4111 1111 1111 1112 fails Luhn.")]
    [InlineData("Order 4111111111111112 fails Luhn.")]
    [InlineData("Not a card: 1234567812345670 has no issuer.")]
    [InlineData("IBAN GB82WEST12345698765431 has the wrong checksum.")]
    [InlineData("IBAN DE89 3704 0044 0532 0130 01 has the wrong checksum.")]
    [InlineData("In 2024 we shipped 1,234,567 units for $1,234.56.")]
    [InlineData("Order id 123456789012 and invoice 2023-0042.")]
    [InlineData("Meet on 2024-03-15 at 10:30:00, or 15/03/2024.")]
    [InlineData("Version 1.2.3 and 10.0.100-rc.1, host 192.168.1.10.")]
    [InlineData("ISBN 978-3-16-148410-0, UUID 123e4567-e89b-12d3-a456-426614174000.")]
    [InlineData("Remember to reset your password. A strong password is long.")]
    [InlineData("var password = ReadPassword(); // never log the password")]
    [InlineData("The password field is required; pwd is its short name.")]
    [InlineData("JavaScript: the good parts, and the javascript: scheme in prose")]
    [InlineData("See https://example.com/docs?id=42#top and ftp://files.example.com/pub.")]
    [InlineData("Tokens like AKIA1234 are too short; ghp_short is not a token.")]
    [InlineData("Write to me at support (at) example (dot) com, or @alice on chat.")]
    [InlineData("npm i left-pad@1.3.0 and user@localhost are not addresses here.")]
    [InlineData("Header eyJhbGciOi alone is not a token.")]
    [InlineData("Temperature 36.6, coordinates 51.5074, -0.1278, score 99.5%.")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----")]
    public void LeavesNearMissesAlone(string text)
    {
        var result = TestFilters.Redacting.Filter(text);

        Assert.True(result.IsClean, "Found " + string.Join(", ", result.Findings.Keys) + " in: " + result.Text);
        Assert.Same(text, result.Text);
    }

    [Fact]
    public void RefusedKindRefusesTheText()
    {
        var filter = TestFilters.With(OutputFilterAction.Redact, (OutputKinds.PaymentCard, OutputFilterAction.Refuse));

        var result = filter.Filter("Pay with 4111 1111 1111 1111, write to a@example.com");

        Assert.True(result.Refused);
        Assert.Equal(new Dictionary<string, int> { ["card"] = 1, ["email"] = 1 }, result.Findings);
    }

    [Fact]
    public void AllowedKindPassesThrough()
    {
        var filter = TestFilters.With(OutputFilterAction.Redact, (OutputKinds.Email, OutputFilterAction.Allow));

        var result = filter.Filter("Write to a@example.com or call +44 20 7946 0958");

        Assert.Equal("Write to a@example.com or call [redacted:phone]", result.Text);
    }

    [Fact]
    public void CountsEveryFindingByKind()
    {
        var result = TestFilters.Redacting.Filter("a@example.com, b@example.com and 4111111111111111");

        Assert.Equal("[redacted:email], [redacted:email] and [redacted:card]", result.Text);
        Assert.Equal(new Dictionary<string, int> { ["email"] = 2, ["card"] = 1 }, result.Findings);
    }

    [Fact]
    public void AMemberWithARefusedKindIsWithheldWhole()
    {
        var filter = TestFilters.With(OutputFilterAction.Redact, (OutputKinds.PrivateKey, OutputFilterAction.Refuse));

        Assert.Equal("[withheld:private-key]", filter.FilterMember("See:\n" + Secrets.PrivateKey));
    }

    private static void AssertRedacted(string text, string secret, string kind)
    {
        var result = TestFilters.Redacting.Filter(text);

        Assert.DoesNotContain(secret, result.Text, StringComparison.Ordinal);
        Assert.Contains("[redacted:" + kind + "]", result.Text, StringComparison.Ordinal);
        Assert.Equal([kind], result.Findings.Keys);
    }
}

using SecureApi.Infrastructure;

namespace SecureApi.IntegrationTests.Allocations;

/// <summary>
/// The tags of small versions are shared strings built once; every version, shared or not, reads as the same strong tag
/// <c>"n"</c> that <see cref="ETags.IfMatch"/> accepts back.
/// </summary>
public sealed class ETagTextTests
{
    [Theory]
    [InlineData(1L, "\"1\"")]
    [InlineData(255L, "\"255\"")]
    [InlineData(256L, "\"256\"")]
    [InlineData(long.MaxValue, "\"9223372036854775807\"")]
    public void AVersionReadsAsItsQuotedNumber(long version, string expected) => Assert.Equal(expected, ETags.Of(version));

    [Fact]
    public void ASmallVersionsTagIsOneSharedString() => Assert.Same(ETags.Of(42), ETags.Of(42));
}

using SecureApi;

namespace Microsoft.AspNetCore.Builder;

public static class LoadSheddingEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Keeps a hand-mapped endpoint (a health or readiness probe) answerable when the service is saturated: load
    /// shedding neither counts nor refuses it. See <see cref="ExemptFromLoadSheddingAttribute"/>.
    /// </summary>
    public static TBuilder ExemptFromLoadShedding<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithMetadata(new ExemptFromLoadSheddingAttribute());
    }
}

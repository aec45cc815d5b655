using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;

namespace SecureApi.Infrastructure;

/// <summary>
/// Where each assembly's generated JSON context registers itself (from a module initializer), so that results written
/// through ASP.NET Core's own JSON options, such as <c>TypedResults.Ok(note)</c>, resolve the same metadata without reflection.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SecureApiJsonResolvers
{
    private static readonly List<IJsonTypeInfoResolver> s_resolvers = [];

    public static void Register(IJsonTypeInfoResolver resolver)
    {
        lock (s_resolvers)
        {
            if (!s_resolvers.Contains(resolver))
            {
                s_resolvers.Add(resolver);
            }
        }
    }

    internal static IJsonTypeInfoResolver[] Snapshot()
    {
        lock (s_resolvers)
        {
            return [.. s_resolvers];
        }
    }
}

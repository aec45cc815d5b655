using Microsoft.Extensions.Options;
using SecureApi.Data;
using SecureApi.Infrastructure;
using SecureApi.OpenApi;

namespace SecureApi.Hosting;

/// <summary>
/// Configuration that asks for something the build left out (<c>SecureApiDatabaseEngines</c>,
/// <c>SecureApiOpenApiReferencePage</c>, trimmed away on publish) fails start-up with the MSBuild property to set, instead
/// of failing on the first request that needs it.
/// </summary>
internal sealed class LeftOutFeaturesValidator : IValidateOptions<SecureApiOptions>
{
    public ValidateOptionsResult Validate(string? name, SecureApiOptions options)
    {
        var failures = new List<string>();

        // The engine this configuration selects (as SecureApiDatabase picks it), for a service that has a database at all.
        var database = options.Database;
        var engine = database.Engine ?? (string.IsNullOrWhiteSpace(database.PostgreSql) ? SqlDialect.Sqlite : SqlDialect.PostgreSql);
        if (ResourceRegistry.Any() && !DatabaseEngines.IsSupported(engine))
        {
            failures.Add(DatabaseEngines.LeftOut(engine, (database.Engine, engine) switch
            {
                (null, SqlDialect.Sqlite) => "SecureApi:Database:Engine and SecureApi:Database:PostgreSql are unset, so the engine is Sqlite",
                (null, _) => "SecureApi:Database:PostgreSql is set, so the engine is PostgreSql",
                _ => $"SecureApi:Database:Engine is {engine}",
            }));
        }

        // Asked for explicitly only: unset, the page is simply not served by a build without it.
        if (options.OpenApi.ReferencePage == true && !ReferencePageFeature.IsSupported)
        {
            failures.Add($"SecureApi:OpenApi:ReferencePage is true, but this build left the reference page out ({ReferencePageFeature.PropertyName} = false): " +
                $"remove <{ReferencePageFeature.PropertyName}>false</{ReferencePageFeature.PropertyName}> from the app's project, or the setting.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

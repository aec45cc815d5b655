namespace SecureApi;

/// <summary>
/// The member is on its way out: it is no longer read, written or exposed by the generated endpoints, but its column and
/// values stay in the database for this release, so an older instance still running (or a rollback) keeps working.
/// Delete the member in a later release; the migration then drops the column, which is allowed only once it was retired.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class RetiredAttribute : Attribute;

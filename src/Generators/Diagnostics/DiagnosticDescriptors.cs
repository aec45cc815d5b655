using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace SecureApi.Generators.Diagnostics;

/// <summary>Every diagnostic SecureApi reports. Ids are public surface: never renumber or reuse one.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "SecureApi";
    private const string HelpBase = "https://github.com/secureapi/secureapi/blob/main/README.md#diagnostics";

    public static readonly DiagnosticDescriptor EndpointClassNotPartial = Error(
        "SAPI001", "Endpoint class must be partial",
        "'{0}' has [Endpoints] but is not partial; add the 'partial' modifier so SecureApi can generate its handlers");

    public static readonly DiagnosticDescriptor UnsupportedParameter = Error(
        "SAPI002", "Parameter cannot be bound",
        "Parameter '{0}' of '{1}' has type '{2}', which SecureApi cannot bind: use a route or query value (string, number, Guid, bool, date, enum), one JSON body type, Caller, CancellationToken, HttpContext or a [Service]");

    public static readonly DiagnosticDescriptor DuplicateRoute = Error(
        "SAPI003", "Duplicate route",
        "{0} {1} is declared by both '{2}' and '{3}'; each method and route may be mapped once");

    public static readonly DiagnosticDescriptor UnboundedInput = Error(
        "SAPI004", "Request member has no size limit",
        "'{0}.{1}' is a {2} a client can make as large as the body allows; add [MaxLength], [StringLength] or [Length] to bound it");

    public static readonly DiagnosticDescriptor RouteParameterNotBound = Error(
        "SAPI005", "Route parameter has no method parameter",
        "Route '{0}' of '{1}' has the parameter '{{{2}}}' but the method has no parameter named '{2}'");

    public static readonly DiagnosticDescriptor UnsupportedReturnType = Error(
        "SAPI006", "Return type is not supported",
        "'{0}' returns '{1}'; return a JSON type, bool, IResult, Created<T>, or a Task/ValueTask of one, or nothing");

    public static readonly DiagnosticDescriptor MultipleBodies = Error(
        "SAPI007", "More than one body parameter",
        "'{0}' has more than one JSON body parameter ('{1}' and '{2}'); a request has one body: combine them into one type");

    public static readonly DiagnosticDescriptor UnsupportedMemberType = Error(
        "SAPI008", "Member type is not supported in JSON",
        "'{0}.{1}' has type '{2}', which SecureApi does not read or write as JSON; use a primitive, string, Guid, date, enum, array, List<T>, IReadOnlyList<T> or another object");

    public static readonly DiagnosticDescriptor JsonNameClash = Error(
        "SAPI009", "Two JSON types share a name",
        "'{0}' and '{1}' would both be exposed as '{2}' in the generated JSON context; rename one of them");

    public static readonly DiagnosticDescriptor NestedEndpointClass = Error(
        "SAPI010", "Endpoint class cannot be nested or generic",
        "'{0}' is nested in another type or generic; declare endpoint classes as top-level, non-generic partial classes");

    public static readonly DiagnosticDescriptor AdminStoreWithoutRole = Error(
        "SAPI011", "Unscoped admin store on an endpoint without a role",
        "'{0}' uses '{1}', which reads every owner's rows, but endpoint '{2}' does not require a role; add [RequireRole(\"admin\")] to the class or method");

    public static readonly DiagnosticDescriptor MassAssignment = Error(
        "SAPI012", "Request type can set a protected member",
        "Request type '{0}' has member '{1}', which is the {2} of resource '{3}' and is set by the server; remove it from the request type");

    // SAPI013 (resource declaration is not valid) and SAPI014 (partial endpoint has no generated operation) are retired:
    // each rule they covered has its own id below.

    public static readonly DiagnosticDescriptor InvalidTableName = Error(
        "SAPI015", "Table name is not a plain identifier",
        "Resource '{0}' has table name '{1}'; use 1 to 63 letters, digits and underscores, starting with a letter");

    public static readonly DiagnosticDescriptor ResourceNotRecord = Error(
        "SAPI016", "Resource must be a record",
        "Resource '{0}' is a class; declare it as a record, so generated updates can copy it with 'with'");

    public static readonly DiagnosticDescriptor UnstorableMemberType = Error(
        "SAPI017", "Resource member type cannot be stored",
        "Member '{1}' of resource '{0}' has type '{2}', which cannot be stored; use Guid, string, int, long, bool, double, decimal, DateTimeOffset or an enum");

    public static readonly DiagnosticDescriptor UnsupportedKeyType = Error(
        "SAPI018", "Resource key must be a Guid or a long",
        "The [Key] '{1}' of resource '{0}' has type '{2}'; make it a Guid (default) or a long with [SequentialKey]");

    public static readonly DiagnosticDescriptor SequentialKeyNotOptedIn = Error(
        "SAPI019", "A long key needs [SequentialKey]",
        "The [Key] '{1}' of resource '{0}' is a long, which is sequential and guessable; opt in with [SequentialKey], or use a Guid");

    public static readonly DiagnosticDescriptor SequentialKeyNotLong = Error(
        "SAPI020", "[SequentialKey] needs a long key",
        "The [Key] '{1}' of resource '{0}' has [SequentialKey] but is not a long; make it a long, or remove [SequentialKey]");

    public static readonly DiagnosticDescriptor ScopeMemberNotString = Error(
        "SAPI021", "Owner or tenant member must be a string",
        "The {2} member '{1}' of resource '{0}' must be a string (the caller's claim); change its type to string");

    public static readonly DiagnosticDescriptor VersionNotLong = Error(
        "SAPI022", "[ConcurrencyCheck] member must be a long",
        "The [ConcurrencyCheck] member '{1}' of resource '{0}' must be a long; change its type to long");

    public static readonly DiagnosticDescriptor ServerSetNotDateTimeOffset = Error(
        "SAPI023", "[ServerSet] member must be a DateTimeOffset",
        "The [ServerSet] member '{1}' of resource '{0}' must be a DateTimeOffset; change its type to DateTimeOffset");

    public static readonly DiagnosticDescriptor EncryptedNotString = Error(
        "SAPI024", "[Encrypted] member must be a string",
        "[Encrypted] member '{1}' of resource '{0}' must be a string?; change its type, or store it unencrypted");

    public static readonly DiagnosticDescriptor EncryptedNotNullable = Error(
        "SAPI025", "[Encrypted] member must be nullable",
        "[Encrypted] member '{1}' of resource '{0}' must be a nullable string (string?): it is null for callers who are not its owner");

    public static readonly DiagnosticDescriptor DecimalSortable = Error(
        "SAPI026", "Decimal member cannot be sortable or filterable",
        "Decimal member '{1}' of resource '{0}' cannot be [Sortable] or [Filterable] (SQLite stores decimals as text); remove the attribute, or use long or double");

    public static readonly DiagnosticDescriptor EncryptedWithSequentialKey = Error(
        "SAPI027", "[Encrypted] member needs a Guid key",
        "[Encrypted] member '{1}' of resource '{0}' needs a Guid key: a [SequentialKey] is assigned after the insert, too late to bind the ciphertext to its row");

    public static readonly DiagnosticDescriptor ReservedSqlWord = Error(
        "SAPI028", "Table or column name is an SQL reserved word",
        "Resource '{0}' would use the SQL reserved word '{1}' as a {2} name; rename the {3}");

    public static readonly DiagnosticDescriptor MemberNotSettable = Error(
        "SAPI029", "Resource member cannot be set",
        "Member '{1}' of resource '{0}' has no init or set accessor, so rows cannot be read back into it; add an init accessor");

    public static readonly DiagnosticDescriptor EncryptedSortable = Error(
        "SAPI030", "[Encrypted] member cannot be sortable or filterable",
        "[Encrypted] member '{1}' of resource '{0}' cannot be [Sortable] or [Filterable]: ciphertext has no useful order; remove the attribute");

    public static readonly DiagnosticDescriptor NullableSortable = Error(
        "SAPI031", "Sortable member must not be nullable",
        "[Sortable] member '{1}' of resource '{0}' must not be nullable (keyset paging needs a total order); make it non-nullable or remove [Sortable]");

    public static readonly DiagnosticDescriptor DuplicateColumn = Error(
        "SAPI032", "Two members map to one column",
        "Members '{1}' and '{2}' of resource '{0}' both map to column '{3}'; rename one of them");

    public static readonly DiagnosticDescriptor KeyCount = Error(
        "SAPI033", "Resource needs exactly one [Key]",
        "Resource '{0}' has {1} [Key] members; mark exactly one member [Key]");

    public static readonly DiagnosticDescriptor DuplicateScopeMember = Error(
        "SAPI034", "More than one owner, tenant or version member",
        "Resource '{0}' has more than one {1} member; keep one");

    public static readonly DiagnosticDescriptor UnscopedResource = Error(
        "SAPI035", "Resource has no owner or tenant",
        "Resource '{0}' has neither [Owner] nor [Tenant], so every caller would reach every row; add one, or declare [Resource(\"{1}\", Shared = true)] to mean it");

    public static readonly DiagnosticDescriptor CrudWithoutResource = Error(
        "SAPI036", "Partial endpoint's class has no resource",
        "Partial method '{0}' has no body, but its class has no resource to generate it from; take the resource's store ({{T}}Store) in the constructor, or return the resource type");

    public static readonly DiagnosticDescriptor CrudAllowsAnonymous = Error(
        "SAPI037", "Generated operation cannot allow anonymous callers",
        "Partial method '{0}' is a generated operation, scoped to the caller, so it cannot be [AllowAnonymous]; remove [AllowAnonymous], or write the method's body");

    public static readonly DiagnosticDescriptor CrudNotTask = Error(
        "SAPI038", "Generated operation must return a Task",
        "Partial method '{0}' has no body and does not return Task<...>; generated operations return Task<T?>, Task<T>, Task<Page<T>> or Task<bool>");

    public static readonly DiagnosticDescriptor CrudShapeNotRecognised = Error(
        "SAPI039", "Partial endpoint matches no generated operation",
        "Partial method '{0}' has no body and matches no generated operation; use one of: {1}");

    public static readonly DiagnosticDescriptor CrudResultMismatch = Error(
        "SAPI040", "Generated operation returns the wrong type",
        "Partial method '{0}' is a generated {1}, which returns {2}; change the return type");

    public static readonly DiagnosticDescriptor CrudNullableRequestMember = Error(
        "SAPI041", "Create request member is nullable where the resource's is not",
        "Partial method '{0}' creates from request member '{1}', which is nullable, but the resource's '{2}' is not: a create could not store it; make the request member non-nullable");

    public static readonly DiagnosticDescriptor CrudCreateMissesRequiredMember = Error(
        "SAPI043", "Create request lacks a required resource member",
        "Partial method '{0}' creates the resource, but its request type has no member for the resource's required '{1}': add it to the request type, or make the resource member nullable");

    public static readonly DiagnosticDescriptor UnsupportedAuthorize = Error(
        "SAPI042", "[Authorize] option is not supported",
        "'{0}' has [Authorize({1} = ...)], which SecureApi cannot honour; remove it, and express the rule as a policy ([Authorize(Policy = ...)]) or a role");

    public static readonly DiagnosticDescriptor RequirementOnAnonymousEndpoint = Error(
        "SAPI044", "Caller requirement on an anonymous endpoint",
        "'{0}' is [AllowAnonymous] but also has [{1}], which an anonymous caller never meets; remove [AllowAnonymous] (the endpoint then requires a caller), or remove the requirement");

    public static readonly DiagnosticDescriptor InvalidScope = Error(
        "SAPI045", "[RequireScope] scope is not a scope token",
        "'{0}' has [RequireScope] with scope '{1}', which is not a scope: give one or more scopes, each non-empty printable ASCII without spaces, quotes or backslashes (RFC 6749)");

    public static readonly DiagnosticDescriptor NoClientKindAdmitted = Error(
        "SAPI046", "[RequireClientKind] admits no client kind",
        "'{0}' admits no client kind: its [RequireClientKind] attributes (class and method) have no kind in common, or list none; list the kinds that may call, e.g. [RequireClientKind(ClientKind.User)]");

    public static readonly DiagnosticDescriptor RateLimitingDisabled = Warning(
        "SAPI047", "Endpoint opts out of rate limiting",
        "'{0}' opts out of rate limiting with [DisableRateLimiting]: every client may call it without limit; prefer a named policy with [RateLimit(\"name\")]");

    public static readonly DiagnosticDescriptor RateLimitContradiction = Error(
        "SAPI048", "[DisableRateLimiting] and [RateLimit] on one endpoint",
        "'{0}' has both [DisableRateLimiting] and [RateLimit(\"{1}\")] (on the class or the method); keep one: the policy, or the explicit opt-out");

    public static readonly DiagnosticDescriptor UntrustedTextNotString = Error(
        "SAPI060", "[UntrustedText] member must be a string",
        "'{0}' has [UntrustedText] but is not a string; only text is screened: remove the attribute, or put it on the string members that carry free text");
    public static readonly DiagnosticDescriptor FilterOutputOnResult = Error(
        "SAPI061", "[FilterOutput] on an endpoint that returns IResult",
        "'{0}' has [FilterOutput] but returns an IResult, whose body SecureApi does not write and so cannot filter; return the value (T, Task<T>, Created<T>) so the generated handler writes it through the output firewall");

    public static readonly DiagnosticDescriptor FilterOutputOnNonString = Error(
        "SAPI062", "[FilterOutput] on a member that is not a string",
        "'{0}.{1}' has [FilterOutput] but is of type '{2}'; the output firewall filters text: put it on a string member, or on the endpoint to filter every string of its response");

    public static readonly DiagnosticDescriptor InvalidDefaultValue = Error(
        "SAPI070", "[DefaultValue] the schema migration cannot store",
        "'{0}.{1}' has [DefaultValue] whose value is not a constant of its type ({2}) that SQLite and PostgreSQL store alike; give a string, number or bool constant of the member's type, on a member that is not a key, owner, tenant, version, server-set or [Encrypted]");

    public static readonly DiagnosticDescriptor InvalidRenamedFrom = Error(
        "SAPI071", "[RenamedFrom] names no column the member can have had",
        "'{0}.{1}' has [RenamedFrom(\"{2}\")], which is not a previous name of its column '{3}': give the old column name as stored (lower-case snake_case), not its current one, not a reserved word and not a column another member still has or also renames from");

    public static readonly DiagnosticDescriptor RetiredNotData = Error(
        "SAPI072", "[Retired] on a member the resource cannot do without",
        "'{0}.{1}' is [Retired] but is the resource's {2}; only data members can be retired (a resource keeps its key, scope, version and server-set stamps)");

    public static readonly DiagnosticDescriptor InvalidMigrationStep = Error(
        "SAPI073", "[MigrationStep] is not valid",
        "'{0}' has [MigrationStep(\"{1}\")] that {2}");

    public static readonly DiagnosticDescriptor MigrationStepTable = Error(
        "SAPI074", "[MigrationStep] SQL does not name its table",
        "'{0}' has [MigrationStep(\"{1}\")] whose {2} SQL does not name the table '{3}'; a step changes its own resource's table, or the table given in Table (a removed resource's)");

    public static readonly DiagnosticDescriptor DroppedColumnNotRetired = Error(
        "SAPI075", "Column dropped without retiring it first",
        "Resource '{0}' no longer declares member '{1}', whose column '{2}' is in {3} (version {4}): dropping it would delete its values; put the member back marked [Retired] for a release (the snapshot then records it as retired, and a later release may delete it), or, if another member replaces it, declare [RenamedFrom(\"{2}\")] on that member");

    public static readonly DiagnosticDescriptor RenameWithoutRenamedFrom = Error(
        "SAPI076", "Likely rename without [RenamedFrom]",
        "Resource '{0}': column '{1}' ({2}) of {3} (version {4}) is gone and member '{5}' adds column '{6}' of the same kind; if '{5}' is '{7}' renamed, declare [RenamedFrom(\"{1}\")] on it so the values are kept; if not, put '{7}' back marked [Retired] for a release first");

    public static readonly DiagnosticDescriptor RenamedFromUnknownColumn = Error(
        "SAPI077", "[RenamedFrom] names a column the snapshot does not have",
        "'{0}.{1}' has [RenamedFrom(\"{2}\")], but table '{3}' in {4} (version {5}) has no column '{2}' (it has {6}); name the previous column as the snapshot spells it, or remove the attribute");

    public static readonly DiagnosticDescriptor ChangeNeedsMigrationStep = Warning(
        "SAPI078", "Schema change needs a hand-written migration step",
        "Resource '{0}', member '{1}': {2} since {3} (version {4}); existing values may not fit, so the change is never applied implicitly: declare [MigrationStep(\"<id>\", Sqlite = \"…\", PostgreSql = \"…\", Member = \"{1}\")] on the resource (README, Schema migrations)");

    public static readonly DiagnosticDescriptor SchemaSnapshotOutOfDate = Warning(
        "SAPI079", "Schema snapshot is out of date",
        "{0} (version {1}) is out of date: {2}; update it to version {3} with `dotnet run -- schema --output {0}` (a build with <SecureApiSchemaSnapshot>true</SecureApiSchemaSnapshot> does it after compiling) and commit it");

    public static IReadOnlyDictionary<string, DiagnosticDescriptor> ById { get; } = typeof(DiagnosticDescriptors)
        .GetFields()
        .Select(field => field.GetValue(null))
        .OfType<DiagnosticDescriptor>()
        .ToDictionary(descriptor => descriptor.Id);

    /// <summary>A security trade-off the code may make on purpose, but that a reviewer must see: a warning, so it fails the
    /// build where warnings are errors until it is suppressed in the open (<c>#pragma warning disable</c> with a reason).</summary>
    private static DiagnosticDescriptor Warning(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + "-" + id.ToLowerInvariant());

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "-" + id.ToLowerInvariant());
}

namespace SecureApi.Generators;

/// <summary>Names of the incremental steps, so tests can check each stays cached on unrelated edits.</summary>
internal static class TrackingNames
{
    public const string Resources = nameof(Resources);
    public const string ResourceSpecs = nameof(ResourceSpecs);
    public const string AllResourceSpecs = nameof(AllResourceSpecs);
    public const string EndpointClasses = nameof(EndpointClasses);
    public const string ResolvedEndpointClasses = nameof(ResolvedEndpointClasses);
    public const string EndpointSpecs = nameof(EndpointSpecs);
    public const string EndpointDiagnostics = nameof(EndpointDiagnostics);
    public const string RouteClaims = nameof(RouteClaims);
    public const string AllEndpointSpecs = nameof(AllEndpointSpecs);
    public const string QualifiedJsonTypes = nameof(QualifiedJsonTypes);
    public const string NamedEndpointSpecs = nameof(NamedEndpointSpecs);
    public const string EndpointClassNames = nameof(EndpointClassNames);
    public const string JsonTypes = nameof(JsonTypes);
    public const string ValidatedTypes = nameof(ValidatedTypes);
    public const string ProjectFacts = nameof(ProjectFacts);
    public const string Inventory = nameof(Inventory);
    public const string OpenApiSchemas = nameof(OpenApiSchemas);
    public const string ResourceSchemaMembers = nameof(ResourceSchemaMembers);
    public const string SchemaSnapshotFile = nameof(SchemaSnapshotFile);
    public const string DeclaredSchema = nameof(DeclaredSchema);
    public const string SchemaSnapshotText = nameof(SchemaSnapshotText);
    public const string SchemaDiagnostics = nameof(SchemaDiagnostics);
    public const string SchemaVersion = nameof(SchemaVersion);
}

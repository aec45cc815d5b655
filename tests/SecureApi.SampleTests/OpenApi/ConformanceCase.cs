namespace SecureApi.SampleTests.OpenApi;

/// <summary>
/// One request of the conformance tests: the valid request of an operation (<see cref="ViolatedMember"/> null), or
/// that request with one documented constraint broken, which must be a 400 whose <c>errors</c> name the member.
/// </summary>
public sealed record ConformanceCase(OpenApiOperation Operation, string Constraint, string? ViolatedMember, ConformanceRequest? Request)
{
    /// <summary>Why no request could be built from the document for this case (its test fails saying so); null when one was.</summary>
    public string? CannotBuild { get; init; }

    public const string ValidConstraint = "valid request";

    public override string ToString() => $"{Operation.Name}: {Constraint}";
}

namespace SecureApi.Generators.Models;

internal enum CrudKind
{
    Find,
    List,
    Create,
    Replace,
    Patch,
    Delete,
}

/// <summary>A body-less <c>partial</c> endpoint the generator implements on the owner-scoped store.</summary>
/// <param name="Signature">The partial method's declaration, repeated exactly by the implementation.</param>
/// <param name="Assignments">Resource members set from the request body (<c>Title = body.Title</c>), for create, replace and patch.</param>
internal sealed record CrudSpec(
    CrudKind Kind,
    ResourceSpec Resource,
    string Signature,
    string? KeyParameter,
    string? BodyParameter,
    string? PageParameter,
    EquatableArray<MemberAssignment> Assignments);

/// <param name="FromNullable">The request member is nullable: a patch keeps the current value when it is null.</param>
internal sealed record MemberAssignment(string ResourceMember, string RequestMember, bool FromNullable);

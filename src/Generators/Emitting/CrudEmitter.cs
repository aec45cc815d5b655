using System.Linq;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Emitting;

/// <summary>
/// Emits a class's generated operations: the constructor its handlers call (its own dependencies, plus the request),
/// and the body of each body-less <c>partial</c> endpoint as one call on the caller-scoped store.
/// </summary>
internal static class CrudEmitter
{
    private const string Request = OperationClass.RequestField;

    public static void EmitConstructor(SourceWriter writer, EndpointClassSpec spec, OperationClass operations)
    {
        writer.Line($"private readonly {Names.EndpointRequest} {Request};");
        foreach (var store in operations.Stores.Where(s => !s.FromConstructor))
        {
            writer.Line($"private readonly {store.StoreType} {store.Member};");
        }

        writer.Line();
        var own = spec.PrimaryConstructorParameterNames is { } names
            ? spec.ConstructorParameterTypes.Zip(names, (type, name) => (Type: type, Name: name)).ToList()
            : [];
        var added = operations.Stores.Where(s => !s.FromConstructor).Select(s => (Type: s.StoreType, Name: s.Member.TrimStart('_'))).ToList();
        var parameters = own.Concat(added).Select(p => $"{p.Type} {p.Name}").Concat([$"{Names.EndpointRequest} request"]);
        var chain = spec.PrimaryConstructorParameterNames is null ? "" : $" : this({string.Join(", ", own.Select(p => p.Name))})";
        writer.Line("/// <summary>The constructor the generated handlers call: the class's dependencies, plus the request its generated operations serve.</summary>");
        writer.Line(Names.GeneratedCodeAttribute);
        using (writer.Block($"private {spec.TypeName}({string.Join(", ", parameters)}){chain}"))
        {
            foreach (var (_, name) in added)
            {
                writer.Line($"_{name} = {name};");
            }

            writer.Line($"{Request} = request;");
        }
    }

    public static void Emit(SourceWriter writer, CrudSpec crud, OperationClass operations)
    {
        var resource = crud.Resource;
        var store = operations.StoreOf(resource);
        writer.Line($"/// <summary>Generated: {Describe(crud.Kind, resource.Version is not null)}, scoped to the caller.</summary>");
        writer.Line(Names.GeneratedCodeAttribute);
        var caller = $"{Request}.Caller";
        var token = $"{Request}.Aborted";
        switch (crud.Kind)
        {
            case CrudKind.Find:
                writer.Line($"{crud.Signature} => {store}.FindAsync({caller}, {crud.KeyParameter}, {token});");
                break;
            case CrudKind.List:
                writer.Line($"{crud.Signature} => {store}.ListAsync({caller}, {crud.PageParameter}, {token});");
                break;
            case CrudKind.Create:
                writer.Line($"{crud.Signature} => {store}.CreateAsync({caller}, {CreateArguments(crud)}idempotency: {Request}.Idempotency, cancellationToken: {token});");
                break;
            case CrudKind.Replace:
            case CrudKind.Patch:
                var expected = resource.Version is null ? "" : $"{Request}.IfMatch, ";
                writer.Line($"{crud.Signature} => {store}.UpdateAsync({caller}, {crud.KeyParameter}, {expected}{UpdateArguments(crud)}cancellationToken: {token});");
                break;
            default:
                var condition = resource.Version is null ? "" : $"{Request}.IfMatch, ";
                writer.Line($"{crud.Signature} => {store}.DeleteAsync({caller}, {crud.KeyParameter}, {condition}{token});");
                break;
        }
    }

    /// <summary>
    /// The request's client data as named arguments of the store's <c>CreateAsync</c>. Every required member is there
    /// (SAPI043) and non-nullable (SAPI041); a nullable member the request lacks keeps its default of null.
    /// </summary>
    private static string CreateArguments(CrudSpec crud) => string.Concat(
        Stores.StoreMethodParameters.CreateOrder(crud.Resource)
            .Select(column => (column, assignment: crud.Assignments.FirstOrDefault(a => a.ResourceMember == column.PropertyName)))
            .Where(m => m.assignment is not null)
            .Select(m => $"{Stores.StoreMethodParameters.Name(m.column)}: {crud.BodyParameter}.{m.assignment!.RequestMember}, "));

    /// <summary>
    /// The members the request carries as named <c>Change</c> arguments of <c>UpdateAsync</c>. A null in a patch, or in a
    /// replace for a required member, keeps the stored value; otherwise the value sent is set, null included.
    /// </summary>
    private static string UpdateArguments(CrudSpec crud) => string.Concat(crud.Assignments.Select(assignment =>
    {
        var column = crud.Resource.Columns.First(c => c.PropertyName == assignment.ResourceMember);
        var value = $"{crud.BodyParameter}.{assignment.RequestMember}";
        var keepOnNull = assignment.FromNullable && (crud.Kind == CrudKind.Patch || !column.IsNullable);
        var typeArgument = column.IsNullable ? $"<{Stores.StoreMethodParameters.Type(column)}>" : ""; // keeps a nullable member's Change<T?> exact
        return $"{Stores.StoreMethodParameters.Name(column)}: {(keepOnNull ? $"global::SecureApi.Data.Change.UnlessNull{typeArgument}({value})" : value)}, ";
    }));

    private static string Describe(CrudKind kind, bool versioned) => kind switch
    {
        CrudKind.Find => "find by key",
        CrudKind.List => "list a page",
        CrudKind.Create => "create",
        CrudKind.Replace => versioned ? "replace (If-Match required)" : "replace",
        CrudKind.Patch => versioned ? "patch the members sent (If-Match required)" : "patch the members sent",
        _ => versioned ? "delete (If-Match honoured)" : "delete",
    };
}

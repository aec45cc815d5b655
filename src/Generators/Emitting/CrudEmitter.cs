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
        writer.Line(Names.GeneratedCode);
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
        writer.Line(Names.GeneratedCode);
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
                writer.Line($"{crud.Signature} => {store}.CreateAsync({caller}, {Draft(crud)}, {token});");
                break;
            case CrudKind.Replace:
            case CrudKind.Patch:
                using (writer.Block(crud.Signature.Replace(" partial ", " async partial ")))
                {
                    writer.Line($"var current = await {store}.FindAsync({caller}, {crud.KeyParameter}, {token});");
                    using (writer.Block("if (current is null)"))
                    {
                        writer.Line("return null;");
                    }

                    writer.Line();
                    var changes = string.Join(", ", crud.Assignments.Select(a => $"{a.ResourceMember} = {Value(crud, a)}"));
                    writer.Line($"return await {store}.UpdateAsync({caller}, current with {{ {changes} }}, {Request}.IfMatch, {token});");
                }

                break;
            default:
                var condition = resource.Version is null ? "" : $"{Request}.IfMatch, ";
                writer.Line($"{crud.Signature} => {store}.DeleteAsync({caller}, {crud.KeyParameter}, {condition}{token});");
                break;
        }
    }

    /// <summary>A new resource holding only the request's client data; the store sets everything else.</summary>
    private static string Draft(CrudSpec crud)
    {
        var resource = crud.Resource;
        string ValueFor(ColumnSpec column) =>
            crud.Assignments.FirstOrDefault(a => a.ResourceMember == column.PropertyName) is { } assignment ? Value(crud, assignment) : "default!";
        bool IsConstructorBound(ColumnSpec column) =>
            resource.ConstructorParameters.Any(p => string.Equals(p, column.PropertyName, System.StringComparison.OrdinalIgnoreCase));
        var arguments = resource.ConstructorParameters
            .Select(p => resource.Columns.FirstOrDefault(c => string.Equals(c.PropertyName, p, System.StringComparison.OrdinalIgnoreCase)))
            .Select(c => c is null ? "default!" : ValueFor(c));
        var initializers = resource.Columns.Where(c => !IsConstructorBound(c)).Select(c => $"{c.PropertyName} = {ValueFor(c)}").ToList();
        return $"new {resource.FullyQualifiedName}({string.Join(", ", arguments)})" + (initializers.Count == 0 ? "" : " { " + string.Join(", ", initializers) + " }");
    }

    private static string Value(CrudSpec crud, MemberAssignment assignment)
    {
        var value = $"{crud.BodyParameter}.{assignment.RequestMember}";
        var column = crud.Resource.Columns.First(c => c.PropertyName == assignment.ResourceMember);
        return (crud.Kind, assignment.FromNullable, column.IsNullable) switch
        {
            (CrudKind.Patch, true, _) => $"{value} ?? current.{assignment.ResourceMember}", // a patch leaves out what it does not send
            (CrudKind.Replace, true, false) => $"{value} ?? current.{assignment.ResourceMember}", // never null into a required member
            (_, true, false) => $"{value} ?? default!",
            _ => value,
        };
    }

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

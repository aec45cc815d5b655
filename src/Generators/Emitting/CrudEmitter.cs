using System.Linq;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Emitting;

/// <summary>Emits the bodies of <c>partial</c> CRUD endpoints: each one call on the caller-scoped store.</summary>
internal static class CrudEmitter
{
    public static void EmitContextMember(SourceWriter writer)
    {
        writer.Lines("""
            private global::Microsoft.AspNetCore.Http.HttpContext? _secureApiHttpContext;

            /// <summary>The request a generated operation serves; the generated handler sets it.</summary>
            private global::Microsoft.AspNetCore.Http.HttpContext SecureApiHttpContext =>
                _secureApiHttpContext ?? throw new global::System.InvalidOperationException("Generated operations run inside a request handled by SecureApi.");
            """);
    }

    public static void Emit(SourceWriter writer, EndpointSpec endpoint, CrudSpec crud)
    {
        var resource = crud.Resource;
        var store = "global::" + (resource.Namespace.Length == 0 ? "" : resource.Namespace + ".") + resource.StoreName;
        writer.Line($"/// <summary>Generated: {Describe(crud.Kind, resource.Version is not null)} on <see cref=\"{store}\"/>, scoped to the caller.</summary>");
        using (writer.Block(crud.Signature))
        {
            writer.Line("var httpContext = SecureApiHttpContext;");
            writer.Line($"var store = global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<{store}>(httpContext.RequestServices);");
            writer.Line("var caller = global::SecureApi.Caller.From(httpContext);");
            var token = "httpContext.RequestAborted";
            switch (crud.Kind)
            {
                case CrudKind.Find:
                    writer.Line($"var found = await store.FindAsync(caller, {crud.KeyParameter}, {token});");
                    EmitETag(writer, resource, "found");
                    writer.Line("return found;");
                    break;
                case CrudKind.List:
                    writer.Line($"return await store.ListAsync(caller, {crud.PageParameter}, {token});");
                    break;
                case CrudKind.Create:
                    writer.Line($"var created = await store.CreateAsync(caller, {Draft(crud)}, {token});");
                    EmitETag(writer, resource, "created", canBeNull: false);
                    writer.Line("return created;");
                    break;
                case CrudKind.Replace:
                case CrudKind.Patch:
                    writer.Line($"var current = await store.FindAsync(caller, {crud.KeyParameter}, {token});");
                    using (writer.Block("if (current is null)"))
                    {
                        writer.Line("return null;");
                    }

                    writer.Line();
                    var changes = string.Join(", ", crud.Assignments.Select(a => $"{a.ResourceMember} = {Value(crud, a)}"));
                    writer.Line($"var updated = await store.UpdateAsync(caller, current with {{ {changes} }}, global::SecureApi.Http.ETags.IfMatch(httpContext), {token});");
                    EmitETag(writer, resource, "updated");
                    writer.Line("return updated;");
                    break;
                default:
                    var condition = resource.Version is null ? "" : "global::SecureApi.Http.ETags.IfMatch(httpContext), ";
                    writer.Line($"return await store.DeleteAsync(caller, {crud.KeyParameter}, {condition}{token});");
                    break;
            }
        }
    }

    private static void EmitETag(SourceWriter writer, ResourceSpec resource, string local, bool canBeNull = true)
    {
        if (resource.Version is { } version)
        {
            var guard = canBeNull ? $"if ({local} is not null) " : "";
            writer.Line($"{guard}global::SecureApi.Http.ETags.Set(httpContext, {local}.{version.PropertyName});");
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

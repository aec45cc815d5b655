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
                    writer.Line($"var created = await store.CreateAsync(caller, {CreateArguments(crud)}cancellationToken: {token});");
                    EmitETag(writer, resource, "created", canBeNull: false);
                    writer.Line("return created;");
                    break;
                case CrudKind.Replace:
                case CrudKind.Patch:
                    var expected = resource.Version is null ? "" : "global::SecureApi.Http.ETags.IfMatch(httpContext), ";
                    writer.Line($"var updated = await store.UpdateAsync(caller, {crud.KeyParameter}, {expected}{UpdateArguments(crud)}cancellationToken: {token});");
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

    /// <summary>The request's client data as named arguments of the store's <c>CreateAsync</c>; a required member the request lacks is <c>default</c>.</summary>
    private static string CreateArguments(CrudSpec crud) => string.Concat(
        Stores.StoreMethodParameters.CreateOrder(crud.Resource)
            .Select(column => (column, assignment: crud.Assignments.FirstOrDefault(a => a.ResourceMember == column.PropertyName)))
            .Where(m => m.assignment is not null || !m.column.IsNullable)
            .Select(m => $"{Stores.StoreMethodParameters.Name(m.column)}: {(m.assignment is null ? "default!" : CreateValue(crud, m.assignment, m.column))}, "));

    private static string CreateValue(CrudSpec crud, MemberAssignment assignment, ColumnSpec column) =>
        assignment.FromNullable && !column.IsNullable ? $"{crud.BodyParameter}.{assignment.RequestMember} ?? default!" : $"{crud.BodyParameter}.{assignment.RequestMember}";

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

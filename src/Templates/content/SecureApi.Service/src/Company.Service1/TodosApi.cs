using SecureApi;
using SecureApi.Data;

namespace Company.Service1;

/// <summary>
/// Each caller's own todos. The bodies are generated on the caller-scoped <see cref="TodoStore"/>: authenticated
/// callers only, reading needs <c>todos:read</c>, changing <c>todos:write</c>.
/// </summary>
[Endpoints("/todos"), RateLimit("per-user")]
public sealed partial class TodosApi
{
    public const string Read = "todos:read";
    public const string Write = "todos:write";

    [Get("/{id}"), RequireScope(Read)]
    public partial Task<Todo?> Get(Guid id);

    [Get(""), RequireScope(Read)]
    public partial Task<Page<Todo>> List(PageRequest page);

    [Post(""), RequireScope(Write)]
    public partial Task<Todo> Create(NewTodo body);

    [Put("/{id}"), RequireScope(Write)]
    public partial Task<Todo?> Replace(Guid id, NewTodo body);

    [Patch("/{id}"), RequireScope(Write)]
    public partial Task<Todo?> Patch(Guid id, TodoPatch body);

    [Delete("/{id}"), RequireScope(Write)]
    public partial Task<bool> Delete(Guid id);
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace SecureApi.TestService;

[Endpoints("/widgets")]
public sealed partial class WidgetsApi(WidgetRepository widgets)
{
    [Post("")]
    public Created<Widget> Create(NewWidget body, Caller caller)
    {
        var widget = widgets.Add(caller.Subject, body);
        return TypedResults.Created($"/widgets/{widget.Id}", widget);
    }

    [Get("/{id}")]
    public Task<Widget?> Get(Guid id) => Task.FromResult(widgets.Find(id));

    [Get("")]
    public Widget[] List(WidgetKind? kind, int page = 1, int size = 10) => widgets.List(kind, (page - 1) * size, size);

    [Put("/{id}")]
    public ValueTask<Widget?> Rename(Guid id, RenameWidget body) => ValueTask.FromResult(widgets.Rename(id, body.Name));

    [Delete("/{id}")]
    public bool Delete(Guid id) => widgets.Remove(id);

    [Post("/small"), MaxBodySize(64)]
    public SmallBody Echo(SmallBody body) => body;

    /// <summary>No <c>[MaxBodySize]</c>: the default cap (<c>SecureApi:MaxRequestBodyBytes</c>) applies.</summary>
    [Post("/large")]
    public static int Large(LargeBody body) => body.Text.Length;

    /// <summary>A pattern the linear-time engine cannot run, so it runs on the backtracking engine with a timeout.</summary>
    [Post("/pattern")]
    public static PatternBody Pattern(PatternBody body) => body;

    [Get("/boom")]
    public Widget Boom() => throw new InvalidOperationException("secret internal detail: connection string Password=hunter2");

    [Get("/me")]
    public CallerInfo Me(Caller caller) => new(caller.Subject, caller.Tenant);

    [Get("/admin"), RequireRole("admin")]
    public IResult Admin() => TypedResults.Ok(new HealthInfo("admin", "1"));

    [Post("/tree")]
    public int Depth(TreeNode body)
    {
        var depth = 0;
        for (var node = body; node is not null; node = node.Child)
        {
            depth++;
        }

        return depth;
    }

    [Get("/search")]
    public Widget[] Search([Query(Name = "q")] string text, CancellationToken cancellationToken) =>
        widgets.List(null, 0, 100).Where(w => w.Name.Contains(text, StringComparison.OrdinalIgnoreCase)).ToArray();
}

[Endpoints("/limited"), RateLimit("per-user")]
public sealed partial class LimitedApi
{
    [Get("")]
    public static HealthInfo Ping() => new("ok", "1");
}

[Endpoints("/unlimited")]
public sealed partial class UnlimitedApi
{
    // The rate-limit tests need the explicit opt-out to prove it is honoured. SAPI047 warns of it, and warnings are
    // errors here, so it is suppressed on this one attribute, in the open, the way a reviewed opt-out would be.
#pragma warning disable SAPI047
    [Get("/open"), Microsoft.AspNetCore.RateLimiting.DisableRateLimiting]
#pragma warning restore SAPI047
    public static HealthInfo Open() => new("ok", "1");

    /// <summary>The sibling without the opt-out: the default policy limits it.</summary>
    [Get("/counted")]
    public static HealthInfo Counted() => new("ok", "1");
}

[Endpoints("/probe"), AllowAnonymous]
public sealed partial class ProbeApi
{
    [Get("/health"), ExemptFromLoadShedding] // a probe answers even when the service is saturated
    public static HealthInfo Health() => new("ok", "1");

    /// <summary>A callback whose sender appends its own tracking parameters: the deliberate opt-out.</summary>
    [Get("/callback"), AllowUnknownQuery]
    public static HealthInfo Callback(string? state) => new(state ?? "none", "1");
}

using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace SecureApi.Bench;

/// <summary>
/// The two endpoints as a careful hand-written service writes them: plain RequestDelegates, source-generated JSON, the
/// body's content type and rules checked in code, the owner taken from the validated token's <c>sub</c>.
/// </summary>
internal sealed class ItemHandlers(BenchItemStore store)
{
    public async Task GetAsync(HttpContext context)
    {
        if (!Guid.TryParse(context.Request.RouteValues["id"] as string, out var id))
        {
            await ProblemAsync(context, StatusCodes.Status400BadRequest, "The id is not a valid identifier.");
            return;
        }
        var item = await store.FindAsync(Owner(context), id, context.RequestAborted);
        if (item is null)
        {
            await ProblemAsync(context, StatusCodes.Status404NotFound, "Not found.");
            return;
        }
        await context.Response.WriteAsJsonAsync(item, BenchJsonContext.Default.BenchItem, cancellationToken: context.RequestAborted);
    }

    public async Task CreateAsync(HttpContext context)
    {
        if (!context.Request.HasJsonContentType())
        {
            await ProblemAsync(context, StatusCodes.Status415UnsupportedMediaType, "The body must be JSON.");
            return;
        }
        NewBenchItem? body;
        try
        {
            body = await context.Request.ReadFromJsonAsync(BenchJsonContext.Default.NewBenchItem, context.RequestAborted);
        }
        catch (JsonException)
        {
            body = null;
        }
        if (body is null)
        {
            await ProblemAsync(context, StatusCodes.Status400BadRequest, "The body is not a valid item.");
            return;
        }
        if (BenchValidation.Validate(body) is { } errors)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(
                new HttpValidationProblemDetails(errors), BenchJsonContext.Default.HttpValidationProblemDetails, "application/problem+json");
            return;
        }
        var item = await store.CreateAsync(Owner(context), body.Name!, body.Quantity, context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status201Created;
        context.Response.Headers.Location = "/items/" + item.Id.ToString();
        await context.Response.WriteAsJsonAsync(item, BenchJsonContext.Default.BenchItem, cancellationToken: context.RequestAborted);
    }

    // RequireAuthorization admits only authenticated callers, and every valid bench token carries sub.
    private static string Owner(HttpContext context) => context.User.FindFirst("sub")!.Value;

    private static Task ProblemAsync(HttpContext context, int status, string title)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(
            new ProblemDetails { Status = status, Title = title }, BenchJsonContext.Default.ProblemDetails, "application/problem+json");
    }
}

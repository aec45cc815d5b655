using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace SecureApi.Bench;

/// <summary>The two endpoints as MVC actions: [ApiController] answers an invalid body with 400 before the action runs.</summary>
[ApiController]
[Route("items")]
[Authorize]
public sealed class ItemsController(BenchItemStore store) : ControllerBase
{
    [HttpGet("{id}")]
    public async Task<ActionResult<BenchItem>> Get(Guid id, CancellationToken cancellationToken) =>
        await store.FindAsync(Owner, id, cancellationToken) is { } item ? item : NotFound();

    [HttpPost("")]
    public async Task<ActionResult<BenchItem>> Create(NewBenchItem body, CancellationToken cancellationToken)
    {
        var item = await store.CreateAsync(Owner, body.Name!, body.Quantity, cancellationToken);
        return Created("/items/" + item.Id.ToString(), item);
    }

    private string Owner => User.FindFirst("sub")!.Value;
}

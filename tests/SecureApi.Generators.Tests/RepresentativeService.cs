namespace SecureApi.Generators.Tests;

/// <summary>
/// A user service that uses every feature once: a validated body with every rule kind, route, query and service
/// parameters, each return shape, each access attribute, and stored resources with every CRUD shape and an admin store. Kept as text: compiled into this assembly, its types would
/// clash with the copies the harness compiles.
/// </summary>
internal static class RepresentativeService
{
    public const string Namespace = "Shop.Api";

    public const string Models = """
        namespace Shop.Api;

        public enum OrderStatus
        {
            Pending,
            Shipped,
            Cancelled,
        }

        /// <summary>The request body: one member per validation rule.</summary>
        public sealed record NewOrder(
            [Required, StringLength(60, MinimumLength = 2)] string Customer,
            [Range(1, 500)] int Quantity,
            OrderStatus Status,
            [MaxLength(10)] IReadOnlyList<OrderLine>? Lines = null)
        {
            [RegularExpression("^[A-Z]{2}[0-9]{4}$"), MaxLength(6)]
            public string? Code { get; init; }

            [EmailAddress, MaxLength(200)]
            public string? Email { get; init; }

            [AllowedValues("standard", "express"), MaxLength(10)]
            public string? Shipping { get; init; }

            [DeniedValues("test", "debug"), MaxLength(20)]
            public string? Channel { get; init; }

            [Length(1, 5)]
            public List<string>? Tags { get; init; }

            [MinLength(1), MaxLength(3)]
            public string[]? Notes { get; init; }

            public Address? Address { get; init; }

            [Range(0.5, 99.5)]
            public double? Weight { get; init; }

            public OrderStatus? PreviousStatus { get; init; }

            [AllowedValues(1, 2, 3)]
            public int Priority { get; init; } = 1;

            [DeniedValues(0)]
            public int? Rank { get; init; }
        }

        public sealed record OrderLine([Required, MaxLength(20)] string Sku, [Range(1, 99)] int Count);

        public sealed class Address
        {
            [Required, MaxLength(100)]
            public string Street { get; set; } = "";

            [MaxLength(40)]
            public string? City { get; set; }
        }

        public sealed record Order(Guid Id, string Customer, int Quantity, OrderStatus Status, IReadOnlyList<OrderLine> Lines, DateTimeOffset CreatedAt);

        public sealed record OrderSummary(Guid Id, string Customer, OrderStatus Status);

        public interface IClock
        {
            DateTimeOffset Now { get; }
        }

        public sealed class OrderStore
        {
            private readonly Dictionary<Guid, Order> _orders = [];

            public Order Add(string owner, NewOrder request, DateTimeOffset now)
            {
                var order = new Order(Guid.NewGuid(), owner + ":" + request.Customer, request.Quantity, request.Status, request.Lines ?? [], now);
                _orders[order.Id] = order;
                return order;
            }

            public Order? Find(Guid id) => _orders.GetValueOrDefault(id);

            public OrderSummary[] List(OrderStatus status, int? minQuantity, int skip, int take)
            {
                var list = new List<OrderSummary>();
                foreach (var order in _orders.Values)
                {
                    if (order.Status == status && (minQuantity is null || order.Quantity >= minQuantity))
                    {
                        list.Add(new OrderSummary(order.Id, order.Customer, order.Status));
                    }
                }

                return list.Count <= skip ? [] : list.GetRange(skip, Math.Min(take, list.Count - skip)).ToArray();
            }

            public bool Remove(Guid id) => _orders.Remove(id);
        }
        """;

    public const string Endpoints = """
        using Microsoft.AspNetCore.Http.HttpResults;

        namespace Shop.Api;

        [Endpoints("/orders", Tag = "Orders"), RateLimit("standard")]
        public sealed partial class OrdersApi(OrderStore store)
        {
            [Post(""), MaxBodySize(16_384), RequireScope("orders:write")]
            public Created<Order> Create(NewOrder body, Caller caller, [Service] IClock clock)
            {
                var order = store.Add(caller.Subject, body, clock.Now);
                return TypedResults.Created($"/orders/{order.Id}", order);
            }

            [Get("/{id}")]
            public Task<Order?> Get(Guid id, CancellationToken cancellationToken) =>
                cancellationToken.IsCancellationRequested ? Task.FromCanceled<Order?>(cancellationToken) : Task.FromResult(store.Find(id));

            [Get("")]
            public OrderSummary[] List(OrderStatus status, int? minQuantity, int page = 1, [Query(Name = "page_size")] int size = 20) =>
                store.List(status, minQuantity, (page - 1) * size, size);

            [Delete("/{id}"), RequireRole("admin", "support"), RequireRole("orders")]
            public bool Delete(Guid id) => store.Remove(id);

            [Get("/{id}/receipt"), RateLimit("expensive")]
            public IResult Receipt(Guid id, Caller caller, HttpContext context) =>
                store.Find(id) is null ? TypedResults.NotFound() : TypedResults.Text($"receipt {id} for {caller.Subject} via {context.Request.Path}");

            [Get("/count"), AllowAnonymous]
            public static ValueTask<int> Count() => ValueTask.FromResult(0);
        }

        [Endpoints("/status"), AllowAnonymous]
        public partial class StatusApi
        {
            [Get("")]
            public static string Ping() => "pong";

            [Post("/reset")]
            public async Task Reset() => await Task.Yield();
        }
        """;

    /// <summary>
    /// Stored resources: <c>Ticket</c> is owned and tenant-scoped and uses every member attribute; <c>Shelf</c> is a
    /// positional record with a sequential <c>long</c> key, scoped by tenant only.
    /// </summary>
    public const string Resources = """
        namespace Shop.Api;

        public enum TicketPriority
        {
            Low,
            Normal,
            Urgent,
        }

        [Resource("tickets")]
        public sealed record Ticket
        {
            [Key]
            public Guid Id { get; init; }

            [Owner]
            public string OwnerId { get; init; } = "";

            [Tenant]
            public string TenantId { get; init; } = "";

            [Sortable, Filterable, MaxLength(120)]
            public required string Title { get; init; }

            [MaxLength(4_000)]
            public required string Body { get; init; }

            [Filterable]
            public TicketPriority Priority { get; init; }

            public int? Estimate { get; init; }

            [Sortable]
            public DateTimeOffset DueAt { get; init; }

            /// <summary>Encrypted at rest, decrypted for the owner only.</summary>
            [Encrypted]
            public string? Secret { get; init; }

            /// <summary>Stored, never written to a response.</summary>
            [Sensitive]
            public string? InternalNote { get; init; }

            [ServerSet, Sortable]
            public DateTimeOffset CreatedAt { get; init; }

            [ServerSet(OnUpdate = true)]
            public DateTimeOffset UpdatedAt { get; init; }

            [ConcurrencyCheck]
            public long Version { get; init; }
        }

        public sealed record NewTicket(
            [Required, MaxLength(120)] string Title,
            [Required, MaxLength(4_000)] string Body,
            TicketPriority Priority,
            [Range(0, 1_000)] int? Estimate,
            DateTimeOffset DueAt,
            [MaxLength(500)] string? Secret = null);

        /// <summary>A full replacement: every client member, none of the server's.</summary>
        public sealed record TicketEdit(
            [Required, MaxLength(120)] string Title,
            [Required, MaxLength(4_000)] string Body,
            TicketPriority Priority,
            [Range(0, 1_000)] int? Estimate,
            DateTimeOffset DueAt,
            [MaxLength(500)] string? Secret);

        /// <summary>A partial change: members left out keep their value.</summary>
        public sealed record TicketPatch(
            [MaxLength(120)] string? Title = null,
            [MaxLength(4_000)] string? Body = null,
            TicketPriority? Priority = null,
            DateTimeOffset? DueAt = null);

        public sealed record TicketHeadline(Guid Id, string Title, TicketPriority Priority);

        [Resource("shelves")]
        public sealed record Shelf(
            [property: Key, SequentialKey] long Id,
            [property: Tenant] string TenantId,
            [property: Sortable, Filterable, MaxLength(60)] string Name,
            bool Archived,
            decimal Capacity);

        public sealed record NewShelf([Required, MaxLength(60)] string Name, bool Archived, [Range(0, 10_000)] decimal Capacity);
        """;

    /// <summary>Endpoints over the resources: every CRUD shape, a hand-written method on the store, and a role-gated admin class.</summary>
    public const string ResourceEndpoints = """
        using SecureApi.Data;

        namespace Shop.Api;

        [Endpoints("/tickets"), RateLimit("per-user"), RequireScope("tickets:read", "tickets:admin"), RequireClientKind(ClientKind.User, ClientKind.Agent, ClientKind.Service)]
        public sealed partial class TicketsApi(TicketStore tickets)
        {
            [Get("/{id}")]
            public partial Task<Ticket?> Get(Guid id);

            [Get("")]
            public partial Task<Page<Ticket>> List(PageRequest page);

            [Post("")]
            public partial Task<Ticket> Create(NewTicket body);

            [Put("/{id}")]
            public partial Task<Ticket?> Replace(Guid id, TicketEdit body);

            [Patch("/{id}")]
            public partial Task<Ticket?> Patch(Guid id, TicketPatch body);

            [Delete("/{id}"), RequireScope("tickets:write"), RequireClientKind(ClientKind.Agent, ClientKind.User)]
            public partial Task<bool> Delete(Guid id);

            /// <summary>Hand-written on the same caller-scoped store.</summary>
            [Get("/{id}/headline")]
            public async Task<TicketHeadline?> Headline(Guid id, Caller caller, CancellationToken cancellationToken) =>
                await tickets.FindAsync(caller, id, cancellationToken) is { } ticket ? new TicketHeadline(ticket.Id, ticket.Title, ticket.Priority) : null;
        }

        [Endpoints("/shelves")]
        public sealed partial class ShelvesApi
        {
            [Get("/{id}")]
            public partial Task<Shelf?> Get(long id);

            [Get("")]
            public partial Task<Page<Shelf>> List(PageRequest page);

            [Post("")]
            public partial Task<Shelf> Create(NewShelf body);

            [Put("/{id}")]
            public partial Task<Shelf?> Replace(long id, NewShelf body);

            [Delete("/{id}")]
            public partial Task<bool> Delete(long id);
        }

        [Endpoints("/admin/tickets"), RequireRole("admin")]
        public sealed partial class TicketsAdminApi(TicketAdminStore tickets)
        {
            [Get("")]
            public Task<Page<Ticket>> List(PageRequest page, CancellationToken cancellationToken) => tickets.ListAsync(page, cancellationToken);

            [Get("/{id}")]
            public Task<Ticket?> Get(Guid id, CancellationToken cancellationToken) => tickets.FindAsync(id, cancellationToken);

            [Delete("/{id}")]
            public Task<bool> Delete(Guid id, CancellationToken cancellationToken) => tickets.DeleteAsync(id, cancellationToken);
        }
        """;

    /// <summary>Every user source of the representative service, in harness order (<c>Source0.cs</c>...).</summary>
    public static readonly string[] Sources = [Models, Endpoints, Resources, ResourceEndpoints];

    public static readonly string[] HintNames =
    [
        Namespace + ".OrdersApi.Endpoints.g.cs",
        Namespace + ".StatusApi.Endpoints.g.cs",
        Namespace + ".TicketsApi.Endpoints.g.cs",
        Namespace + ".ShelvesApi.Endpoints.g.cs",
        Namespace + ".TicketsAdminApi.Endpoints.g.cs",
        Namespace + ".Ticket.Store.g.cs",
        Namespace + ".Shelf.Store.g.cs",
        "SecureApiJsonContext.g.cs",
        "SecureApiValidators.g.cs",
        "SecureApiEndpointRouteBuilderExtensions.g.cs",
        "SecureApiInventory.g.cs",
        "SecureApiOpenApiSchemas.g.cs",
        "SecureApiSchemaSnapshot.g.cs",
    ];
}

namespace SecureApi.Generators.Tests;

/// <summary>
/// A user service that uses every feature once: a validated body with every rule kind, route, query and service
/// parameters, each return shape, and each access attribute. Kept as text: compiled into this assembly, its types would
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
            [Post(""), MaxBodySize(16_384)]
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

    public static readonly string[] HintNames =
    [
        Namespace + ".OrdersApi.Endpoints.g.cs",
        Namespace + ".StatusApi.Endpoints.g.cs",
        "SecureApiJsonContext.g.cs",
        "SecureApiValidators.g.cs",
        "SecureApiEndpointRouteBuilderExtensions.g.cs",
    ];
}

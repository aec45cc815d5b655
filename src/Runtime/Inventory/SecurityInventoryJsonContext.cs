using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecureApi.Inventory;

/// <summary>The inventory's JSON, generated at compile time (no reflection); unknown members of a newer schema are ignored.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(SecurityInventory))]
[JsonSerializable(typeof(IReadOnlyList<InventoryFrameworkEndpoint>))]
[JsonSerializable(typeof(IReadOnlyList<InventoryOutputKind>))]
internal sealed partial class SecurityInventoryJsonContext : JsonSerializerContext;

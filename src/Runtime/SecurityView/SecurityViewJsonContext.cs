using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecureApi.SecurityView;

/// <summary>The security view's JSON, generated at compile time (no reflection).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SecurityViewData))]
internal sealed partial class SecurityViewJsonContext : JsonSerializerContext;

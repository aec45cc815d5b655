using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecureApi.Monitoring.Alerts;

/// <summary>The webhook's body, serialised without reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SecurityAlert))]
internal sealed partial class AlertJsonContext : JsonSerializerContext;

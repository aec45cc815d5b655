using System.ComponentModel;
using SecureApi.Pipeline;

namespace SecureApi.Infrastructure;

/// <summary>A generated handler: binding, validation, the call and the result. The runtime pipeline owns the frame around it.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate Task EndpointHandler(EndpointRequest request);

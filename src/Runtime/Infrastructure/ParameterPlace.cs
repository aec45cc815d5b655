using System.ComponentModel;

namespace SecureApi.Infrastructure;

/// <summary>Where a documented request parameter travels.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public enum ParameterPlace
{
    Path,
    Query,
    Header,
}

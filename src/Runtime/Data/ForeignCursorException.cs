namespace SecureApi.Data;

/// <summary>A cursor that was not issued to this caller for this list: answered with 404, as for anything not theirs.</summary>
public sealed class ForeignCursorException() : Exception("The cursor does not belong to this list.");

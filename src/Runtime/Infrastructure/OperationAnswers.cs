using System.ComponentModel;

namespace SecureApi.Infrastructure;

/// <summary>Answers beyond the success and the pipeline's own, which only the generated code can tell.</summary>
[Flags]
[EditorBrowsable(EditorBrowsableState.Never)]
#pragma warning disable CA1008, CA1028 // None is the first flag; int is the right size
public enum OperationAnswers
{
    None = 0,

    /// <summary>404: a null result, a false result, or not the caller's.</summary>
    NotFound = 1,

    /// <summary>The success carries an <c>ETag</c> (a versioned resource).</summary>
    ETag = 2,

    /// <summary>The success (201) carries a <c>Location</c>.</summary>
    Location = 4,

    /// <summary><c>If-Match</c> is required: 428 without it, 412 when it no longer matches.</summary>
    IfMatchRequired = 8,

    /// <summary><c>If-Match</c> is honoured when sent: 412 when it no longer matches.</summary>
    IfMatchHonoured = 16,

    /// <summary>An <c>Idempotency-Key</c> is accepted: 409 while the first is running, 410 when its resource is gone, 422 for another body.</summary>
    Idempotent = 32,

    /// <summary>The operation reads or writes the database: 503 with <c>Retry-After</c> when it is unavailable.</summary>
    Database = 64,

    /// <summary>A hand-written <c>IResult</c>: its own statuses are not known to the generator.</summary>
    HandWrittenResult = 128,

    /// <summary>A tenant-scoped operation: 403 when the caller has no tenant.</summary>
    RequiresTenant = 256,

    /// <summary>The body has <c>[UntrustedText]</c> members: 422 when one matches a screening rule in reject mode.</summary>
    UntrustedText = 512,
}
#pragma warning restore CA1008, CA1028

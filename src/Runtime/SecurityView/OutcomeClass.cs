namespace SecureApi.SecurityView;

/// <summary>How the security view's chart groups answers: refusals of a caller apart from other client errors.</summary>
internal enum OutcomeClass
{
    /// <summary>1xx, 2xx and 3xx.</summary>
    Success = 0,

    /// <summary>4xx other than 401, 403 and 429.</summary>
    ClientError = 1,

    /// <summary>401 and 403.</summary>
    Denied = 2,

    /// <summary>429.</summary>
    RateLimited = 3,

    /// <summary>5xx.</summary>
    ServerError = 4,
}

internal static class OutcomeClasses
{
    public const int Count = 5;

    public static OutcomeClass Of(int statusCode) => statusCode switch
    {
        401 or 403 => OutcomeClass.Denied,
        429 => OutcomeClass.RateLimited,
        >= 500 => OutcomeClass.ServerError,
        >= 400 => OutcomeClass.ClientError,
        _ => OutcomeClass.Success,
    };
}

namespace SecureApi.Monitoring.Alerts;

/// <summary><c>SecureApi:Alerts</c>: delivery to the alert sinks.</summary>
internal sealed class AlertOptions
{
    public const string SectionName = "SecureApi:Alerts";

    /// <summary>Alerts waiting for delivery at most; past it the newest are dropped (and logged), never a request slowed.</summary>
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>Retries of a failed delivery, per sink.</summary>
    public int Retries { get; set; } = 4;

    /// <summary>The first retry's delay; each next one doubles it.</summary>
    public int RetryDelayMilliseconds { get; set; } = 1000;

    public WebhookOptions Webhook { get; set; } = new();
}

/// <summary><c>SecureApi:Alerts:Webhook</c>: POST each alert as JSON to <see cref="Url"/>, signed with <see cref="Secret"/>.</summary>
internal sealed class WebhookOptions
{
    public string? Url { get; set; }

    public string? Secret { get; set; }

    public int TimeoutSeconds { get; set; } = 10;
}

namespace SecureApi.OpenApi;

/// <summary>The OpenAPI document and its reference page (<c>SecureApi:OpenApi</c>).</summary>
public sealed class OpenApiOptions
{
    /// <summary>
    /// True serves <c>/openapi/v1.json</c>, false never does. Unset (the default): served in Development only — the
    /// document lists every endpoint, its limits and its roles, which a production service publishes only on purpose.
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>True serves the Scalar reference page at <c>/scalar</c> (with the document). Unset: in Development only.</summary>
    public bool? ReferencePage { get; set; }

    /// <summary>The document's title; default the application's name.</summary>
    public string? Title { get; set; }

    /// <summary>The document's description.</summary>
    public string? Description { get; set; }

    /// <summary>Who answers for the API (<c>info.contact</c>): a name.</summary>
    public string? ContactName { get; set; }

    /// <summary>Who answers for the API: an e-mail address.</summary>
    public string? ContactEmail { get; set; }

    /// <summary>Who answers for the API: a web page.</summary>
    public Uri? ContactUrl { get; set; }
}

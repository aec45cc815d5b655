namespace SecureApi;

/// <summary>
/// Keeps an endpoint answerable when the service is saturated: load shedding (<c>SecureApi:LoadShedding</c>) neither
/// counts nor refuses it. Meant for health and readiness probes, so an orchestrator does not restart an instance that is
/// merely busy. Also the endpoint metadata the load-shedding middleware looks for: a hand-mapped endpoint says
/// <c>.ExemptFromLoadShedding()</c>. An exempt endpoint must be cheap; anything else on it is unguarded under load.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = false)]
public sealed class ExemptFromLoadSheddingAttribute : Attribute;

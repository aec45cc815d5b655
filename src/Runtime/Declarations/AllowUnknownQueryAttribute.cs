namespace SecureApi;

/// <summary>
/// Lets an endpoint (or every endpoint of a class) accept query parameters it does not bind. Without it, an unknown
/// query parameter is a 400 naming it, like an unknown JSON member. Use it only for endpoints that must take arbitrary
/// query strings (a callback whose sender adds tracking parameters, say): it is a deliberate, reviewable opt-out.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = false)]
public sealed class AllowUnknownQueryAttribute : Attribute;

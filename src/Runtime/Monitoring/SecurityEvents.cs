using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SecureApi.Infrastructure;

namespace SecureApi.Monitoring;

/// <summary>
/// The one way a security event is raised: it is filled in with the fields every event carries, logged through its
/// kind's <see cref="SecurityLog"/> event, counted on the <c>SecureApi</c> meter and handed to every
/// <see cref="ISecurityEventObserver"/>. An observer that throws is logged; the request it happened on goes on.
/// </summary>
internal sealed class SecurityEvents(
    ILogger<SecurityEvents> logger,
    SecureApiMetrics metrics,
    TimeProvider time,
    IEnumerable<ISecurityEventObserver> observers)
{
    /// <summary>What <see cref="SecurityEvent.Caller"/> and <see cref="SecurityEvent.ClientKind"/> say when no one is authenticated.</summary>
    public const string Anonymous = "anonymous";

    /// <summary>What a field says when there is no request (a command run from the shell).</summary>
    public const string None = "-";

    /// <summary>The endpoint of a request that matched none.</summary>
    public const string Unmatched = "(unmatched)";

    private readonly ISecurityEventObserver[] _observers = [.. observers];

    /// <summary>
    /// Raises <paramref name="kind"/> through the request's host's service, for code that is not built by DI (static
    /// helpers, authentication handlers with public constructors). A host without AddSecureApi has none: nothing is raised.
    /// </summary>
    public static void ReportOn(HttpContext context, SecurityEventKind kind, string? detail) =>
        context.RequestServices?.GetService<SecurityEvents>()?.Report(context, kind, detail);

    /// <summary>Raises <paramref name="kind"/> for the request <paramref name="context"/>.</summary>
    public SecurityEvent Report(HttpContext context, SecurityEventKind kind, string? detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caller = Caller.Find(context);
        return Raise(new SecurityEvent(
            kind,
            time.GetUtcNow(),
            EndpointOf(context),
            caller?.Subject ?? Anonymous,
            caller is null ? Anonymous : ClientKindNames.Of(caller.ClientKind),
            context.Connection.RemoteIpAddress?.ToString() ?? None,
            TraceIds.Of(context),
            detail)
        {
            Actor = caller is { ClientKind: ClientKind.Agent } ? SecureApi.AiGuards.AgentIdentity.ActorOf(caller) : null,
        });
    }

    /// <summary>Raises <paramref name="kind"/> outside any request (a command run from the shell, a background job).</summary>
    public SecurityEvent Report(SecurityEventKind kind, string? detail, string endpoint = None, string caller = None)
    {
        return Raise(new SecurityEvent(
            kind,
            time.GetUtcNow(),
            endpoint,
            caller,
            None,
            None,
            TraceIds.Current() ?? None,
            detail));
    }

    /// <summary>Raises <paramref name="kind"/> on behalf of <paramref name="cause"/>'s request (its endpoint, caller, address and trace): an anomaly or a block a detector decided while observing it.</summary>
    public SecurityEvent ReportFollowing(SecurityEvent cause, SecurityEventKind kind, string? detail)
    {
        ArgumentNullException.ThrowIfNull(cause);
        return Raise(cause with { Kind = kind, Time = time.GetUtcNow(), Detail = detail });
    }

    /// <summary>The endpoint's name, else its method and route pattern, else <see cref="Unmatched"/>.</summary>
    internal static string EndpointOf(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<IEndpointNameMetadata>() is { } name)
        {
            return name.EndpointName;
        }

        return endpoint is RouteEndpoint { RoutePattern.RawText: { } pattern }
            ? string.Concat(context.Request.Method, " ", pattern)
            : Unmatched;
    }

    private SecurityEvent Raise(SecurityEvent securityEvent)
    {
        Log(securityEvent);
        metrics.SecurityEvent(securityEvent.Kind);
        foreach (var observer in _observers)
        {
            try
            {
                observer.OnSecurityEvent(securityEvent);
            }
            catch (Exception exception)
            {
                SecurityLog.ObserverFailed(logger, exception, observer.GetType().Name, securityEvent.Kind);
            }
        }

        return securityEvent;
    }

    private void Log(SecurityEvent e)
    {
        switch (e.Kind)
        {
            case SecurityEventKind.AuthenticationFailed: SecurityLog.AuthenticationFailed(logger, e.Detail, e.Endpoint, e.Caller, e.ClientKind, e.ClientIp, e.Time, e.TraceId); break;
            case SecurityEventKind.AuthorizationDenied: SecurityLog.AuthorizationDenied(logger, e.Detail, e.Endpoint, e.Caller, e.ClientKind, e.ClientIp, e.Time, e.TraceId); break;
            case SecurityEventKind.NotFoundOrNotYours: SecurityLog.NotFoundOrNotYours(logger, e.Detail, e.Endpoint, e.Caller, e.ClientKind, e.ClientIp, e.Time, e.TraceId); break;
            case SecurityEventKind.ValidationFailed: SecurityLog.ValidationFailed(logger, e.Detail, e.Endpoint, e.Caller, e.ClientKind, e.ClientIp, e.Time, e.TraceId); break;
            case SecurityEventKind.UnknownMembers: SecurityLog.UnknownMembers(logger, e.Detail, e.Endpoint, e.Caller, e.ClientKind, e.ClientIp, e.Time, e.TraceId); break;
            case SecurityEventKind.RateLimited: SecurityLog.RateLimited(logger, e.Detail, e.Endpoint, e.Caller, e.ClientKind, e.ClientIp, e.Time, e.TraceId); break;
            case SecurityEventKind.LoadShed: SecurityLog.LoadShed(logger, e.Detail, e.Endpoint, e.Caller, e.ClientKind, e.ClientIp, e.Time, e.TraceId); break;
            case SecurityEventKind.Blocked: SecurityLog.Blocked(logger, e.Detail, e.Endpoint, e.Caller, e.ClientKind, e.ClientIp, e.Time, e.TraceId); break;
            case SecurityEventKind.Unblocked: SecurityLog.Unblocked(logger, e.Detail, e.Endpoint, e.Caller, e.ClientKind, e.ClientIp, e.Time, e.TraceId); break;
            case SecurityEventKind.KeyMinted: SecurityLog.KeyMinted(logger, e.Detail, e.Endpoint, e.Caller, e.ClientKind, e.ClientIp, e.Time, e.TraceId); break;
            case SecurityEventKind.KeyRevoked: SecurityLog.KeyRevoked(logger, e.Detail, e.Endpoint, e.Caller, e.ClientKind, e.ClientIp, e.Time, e.TraceId); break;
            case SecurityEventKind.AnomalyRaised: SecurityLog.AnomalyRaised(logger, e.Detail, e.Endpoint, e.Caller, e.ClientKind, e.ClientIp, e.Time, e.TraceId); break;
            case SecurityEventKind.UntrustedTextDetected: SecurityLog.UntrustedTextDetected(logger, e.Detail, e.Endpoint, e.Caller, e.ClientKind, e.ClientIp, e.Time, e.TraceId); break;
            case SecurityEventKind.OutputFiltered: SecurityLog.OutputFiltered(logger, e.Detail, e.Endpoint, e.Caller, e.ClientKind, e.ClientIp, e.Time, e.TraceId); break;
            default: throw new ArgumentOutOfRangeException(nameof(e), e.Kind, "Not a security event kind.");
        }
    }
}

using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace SecureApi.Transport;

/// <summary>
/// Refuses with a 403 ProblemDetails a request whose transport <see cref="TransportPolicy"/> rejects. 403, not 400:
/// the request itself is well formed and no credential would change the answer; the server refuses to serve it on this
/// connection (as IIS's 403.4 "SSL required"). Not 426: that needs an in-connection Upgrade no client performs for TLS.
/// </summary>
internal sealed class TransportPolicyMiddleware(RequestDelegate next, IHostEnvironment environment, IOptions<SecureApiOptions> options)
{
    private readonly bool _development = environment.IsDevelopment();
    private readonly bool _requireHttps = options.Value.RequireHttps;

    public Task InvokeAsync(HttpContext context)
    {
        var tlsVersion = context.Features.Get<ITlsHandshakeFeature>()?.Protocol;
        var refusal = TransportPolicy.Refusal(context.Request.IsHttps, tlsVersion, context.Connection.LocalIpAddress, _development, _requireHttps);
        if (refusal is null)
        {
            return next(context);
        }

        return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "The transport is not allowed.", detail: refusal).ExecuteAsync(context);
    }
}

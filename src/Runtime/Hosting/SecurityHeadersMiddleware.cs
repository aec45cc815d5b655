using Microsoft.AspNetCore.Http;

namespace SecureApi.Hosting;

/// <summary>
/// Headers for a JSON API that no browser should render, frame, sniff or cache (<see cref="SecurityHeaders"/>), set as
/// the request enters, so every answer after this point carries them: errors too (code that clears a response puts them back).
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        SecurityHeaders.Apply(context);
        return next(context);
    }
}

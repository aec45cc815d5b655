using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SecureApi.Generators.Models;

/// <summary>Where a diagnostic points, as plain values (a <see cref="Location"/> would hold the syntax tree).</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

    public static LocationInfo? From(Location? location) =>
        location is null || location.SourceTree is null
            ? null
            : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
}

/// <summary>A diagnostic to report, kept apart from the models that drive emission.</summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] arguments) =>
        new(descriptor.Id, LocationInfo.From(location), new EquatableArray<string>(arguments));
}

/// <summary>A route an endpoint claims, with where it was declared: the input of the duplicate-route check.</summary>
internal sealed record RouteClaim(string HttpMethod, string Route, string Endpoint, LocationInfo? Location);

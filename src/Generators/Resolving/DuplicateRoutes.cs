using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using SecureApi.Generators.Diagnostics;
using SecureApi.Generators.Models;
using SecureApi.Generators.Parsing;

namespace SecureApi.Generators.Resolving;

/// <summary>SAPI003: two endpoints of the assembly that match the same requests.</summary>
internal static class DuplicateRoutes
{
    public static void Report(SourceProductionContext output, ImmutableArray<RouteClaim> claims)
    {
        foreach (var group in claims.GroupBy(c => (c.HttpMethod, Route: Routes.Normalize(c.Route))).Where(g => g.Count() > 1))
        {
            var first = group.First();
            foreach (var duplicate in group.Skip(1))
            {
                output.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.DuplicateRoute, duplicate.Location?.ToLocation(), duplicate.HttpMethod, duplicate.Route, first.Endpoint, duplicate.Endpoint));
            }
        }
    }
}

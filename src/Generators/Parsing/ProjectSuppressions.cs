using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using SecureApi.Generators.Diagnostics;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Parsing;

/// <summary>
/// SecureApi diagnostics the whole project silences: <c>&lt;NoWarn&gt;</c> reaches the compilation's specific diagnostic
/// options, a global analyzer config its syntax-tree options provider. Read once per compilation, as plain values.
/// </summary>
internal static class ProjectSuppressions
{
    public static EquatableArray<SuppressionSpec> Read(Compilation compilation, CancellationToken cancellationToken)
    {
        var ids = DiagnosticDescriptors.ById.Keys.OrderBy(id => id, System.StringComparer.Ordinal).ToList();
        var noWarn = ids
            .Where(id => compilation.Options.SpecificDiagnosticOptions.TryGetValue(id, out var value) && value == ReportDiagnostic.Suppress)
            .Select(id => new SuppressionSpec(id, SuppressionKind.NoWarn, null));
        var global = ids
            .Where(id => compilation.Options.SyntaxTreeOptionsProvider is { } provider
                && provider.TryGetGlobalDiagnosticValue(id, cancellationToken, out var value) && value == ReportDiagnostic.Suppress)
            .Select(id => new SuppressionSpec(id, SuppressionKind.GlobalConfig, null));
        return noWarn.Concat(global).ToEquatableArray();
    }
}

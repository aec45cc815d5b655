using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SecureApi.Generators.Parsing;

namespace SecureApi.Generators.Diagnostics;

/// <summary>
/// SAPI047: <c>[DisableRateLimiting]</c> on an <c>[Endpoints]</c> class or one of its methods, the only way out of the
/// default rate limit, is a warning a reviewer sees. An analyzer rather than the generator because it must be
/// suppressible in the open with <c>#pragma warning disable SAPI047</c>, and only a diagnostic at a real source location
/// is (the generator reports plain file locations: dotnet/roslyn#68291). Reported once, at the attribute.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RateLimitOptOutAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [DiagnosticDescriptors.RateLimitingDisabled];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var known = KnownTypes.For(start.Compilation);
            if (known.DisableRateLimitingAttribute is null || known.EndpointsAttribute is null)
            {
                return;
            }

            start.RegisterSymbolAction(symbolContext => Analyze(symbolContext, known), SymbolKind.NamedType, SymbolKind.Method);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, KnownTypes known)
    {
        var symbol = context.Symbol;
        var endpointClass = symbol as INamedTypeSymbol ?? symbol.ContainingType;
        if (endpointClass is null || !endpointClass.HasAttribute(known.EndpointsAttribute)
            || symbol is IMethodSymbol { PartialDefinitionPart: not null }) // a partial method's implementation repeats no attribute of its own
        {
            return;
        }

        if (symbol.FindAttribute(known.DisableRateLimitingAttribute) is { } attribute)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.RateLimitingDisabled, AccessPolicy.LocationOf(attribute, symbol), symbol.Name));
        }
    }
}

using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SecureApi.Generators.Parsing;

namespace SecureApi.Generators.Diagnostics;

/// <summary>
/// <c>[MaxLength]</c>, <c>[MinLength]</c> and <c>[Length]</c> are marked RequiresUnreferencedCode because their own
/// <c>IsValid</c> reflects over a <c>Count</c> property. SecureApi never calls it: the generator reads the attribute at
/// compile time and emits the check. So the trim warning (IL2026) on those attribute usages is suppressed, and only that one.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DataAnnotationsTrimSuppressor : DiagnosticSuppressor
{
    public static readonly SuppressionDescriptor LengthAttributeIsValidatedByGeneratedCode = new(
        "SAPIS001", "IL2026",
        "SecureApi validates [MaxLength], [MinLength] and [Length] in generated code; the attribute's reflection-based IsValid is never called.");

    public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions { get; } = [LengthAttributeIsValidatedByGeneratedCode];

    public override void ReportSuppressions(SuppressionAnalysisContext context)
    {
        foreach (var diagnostic in context.ReportedDiagnostics)
        {
            var tree = diagnostic.Location.SourceTree;
            if (tree is null)
            {
                continue;
            }

            var node = tree.GetRoot(context.CancellationToken).FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var attributes = node.AncestorsAndSelf().OfType<AttributeSyntax>().Take(1)
                .Concat(node.AncestorsAndSelf().OfType<AttributeListSyntax>().SelectMany(list => list.Attributes));
            var model = context.GetSemanticModel(tree);
            var known = KnownTypes.For(model.Compilation);
            var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
            if (attributes.Select(attribute => LengthAttributeOf(model.GetSymbolInfo(attribute, context.CancellationToken).Symbol, known))
                .Any(type => type is not null && message.Contains(type.ToDisplayString())))
            {
                context.ReportSuppression(Suppression.Create(LengthAttributeIsValidatedByGeneratedCode, diagnostic));
            }
        }
    }

    /// <summary>The <c>[MaxLength]</c>, <c>[MinLength]</c> or <c>[Length]</c> type a constructor symbol belongs to, else null.</summary>
    private static INamedTypeSymbol? LengthAttributeOf(ISymbol? symbol, KnownTypes known) =>
        symbol is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor &&
        known.DataAnnotations.TryGetValue(constructor.ContainingType, out var name) && name is "MaxLengthAttribute" or "MinLengthAttribute" or "LengthAttribute"
            ? constructor.ContainingType
            : null;
}

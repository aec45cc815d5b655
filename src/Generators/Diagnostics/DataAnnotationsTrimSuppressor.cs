using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SecureApi.Generators.Diagnostics;

/// <summary>
/// <c>[MaxLength]</c>, <c>[MinLength]</c> and <c>[Length]</c> are marked RequiresUnreferencedCode because their own
/// <c>IsValid</c> reflects over a <c>Count</c> property. SecureApi never calls it: the generator reads the attribute at
/// compile time and emits the check. So the trim warning (IL2026) on those attribute usages is suppressed, and only that one.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DataAnnotationsTrimSuppressor : DiagnosticSuppressor
{
    private static readonly string[] s_attributes =
    [
        "System.ComponentModel.DataAnnotations.MaxLengthAttribute",
        "System.ComponentModel.DataAnnotations.MinLengthAttribute",
        "System.ComponentModel.DataAnnotations.LengthAttribute",
    ];

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
            if (attributes.Any(attribute => IsLengthAttribute(model.GetSymbolInfo(attribute, context.CancellationToken).Symbol)) &&
                s_attributes.Any(name => diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains(name)))
            {
                context.ReportSuppression(Suppression.Create(LengthAttributeIsValidatedByGeneratedCode, diagnostic));
            }
        }
    }

    private static bool IsLengthAttribute(ISymbol? symbol) =>
        symbol is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor &&
        s_attributes.Contains(constructor.ContainingType.ToDisplayString());
}

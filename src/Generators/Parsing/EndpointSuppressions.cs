using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SecureApi.Generators.Diagnostics;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Parsing;

/// <summary>
/// The SecureApi diagnostics suppressed where an endpoint is declared, for the security inventory: a reviewer should see
/// every warning someone chose to silence. Pragmas are read from the syntax tree at the endpoint's attributes and name;
/// <c>[SuppressMessage]</c> from the method, its class and the assembly; an .editorconfig severity from the compilation's
/// per-file options. Project-wide settings (NoWarn, global config) are <see cref="ProjectSuppressions"/>'.
/// </summary>
internal static class EndpointSuppressions
{
    private const string Prefix = "SAPI";

    public static IEnumerable<SuppressionSpec> Find(IMethodSymbol method, AccessPolicy classPolicy, AccessPolicy methodPolicy, Compilation compilation, KnownTypes known, CancellationToken cancellationToken)
    {
        var found = new List<SuppressionSpec>();
        var optOut = methodPolicy.DisableRateLimiting is { } onMethod ? AccessPolicy.LocationOf(onMethod, method)
            : classPolicy.DisableRateLimiting is { } onClass ? AccessPolicy.LocationOf(onClass, method.ContainingType) : null;
        var applicable = Applicable(optOut is not null);

        // Where the analyzer reports (the attribute) and where a reader looks (the name): a pragma at either counts.
        foreach (var location in new[] { optOut, method.Locations.FirstOrDefault() })
        {
            if (location?.SourceTree is { } tree)
            {
                found.AddRange(Pragmas(tree, location.SourceSpan.Start, applicable, cancellationToken));
            }
        }

        found.AddRange(SuppressMessages(method, compilation, known));

        if (method.Locations.FirstOrDefault()?.SourceTree is { } declared && compilation.Options.SyntaxTreeOptionsProvider is { } options)
        {
            foreach (var id in applicable)
            {
                if (options.TryGetDiagnosticValue(declared, id, cancellationToken, out var severity) && severity == ReportDiagnostic.Suppress)
                {
                    found.Add(new SuppressionSpec(id, SuppressionKind.EditorConfig, null));
                }
            }
        }

        return found.Distinct().OrderBy(s => s.Id, System.StringComparer.Ordinal).ThenBy(s => s.Kind);
    }

    /// <summary>The warnings the endpoint's declarations would raise: those a project-wide setting silences on it.</summary>
    public static IReadOnlyList<string> Applicable(bool disablesRateLimiting) =>
        disablesRateLimiting ? [DiagnosticDescriptors.RateLimitingDisabled.Id] : [];

    /// <summary>The SecureApi ids a <c>#pragma warning disable</c> before <paramref name="position"/> leaves disabled there.</summary>
    private static IEnumerable<SuppressionSpec> Pragmas(SyntaxTree tree, int position, IReadOnlyList<string> applicable, CancellationToken cancellationToken)
    {
        var disabled = new Dictionary<string, string?>(System.StringComparer.Ordinal);
        var root = tree.GetRoot(cancellationToken);
        // Only into nodes that hold a directive: most hold none, and this runs once per endpoint.
        foreach (var trivia in root.DescendantTrivia(new Microsoft.CodeAnalysis.Text.TextSpan(0, position), static node => node.ContainsDirectives, descendIntoTrivia: false))
        {
            if (!trivia.IsKind(SyntaxKind.PragmaWarningDirectiveTrivia) || trivia.GetStructure() is not PragmaWarningDirectiveTriviaSyntax pragma || pragma.SpanStart >= position)
            {
                continue;
            }

            // A pragma without ids silences every warning, so every one the endpoint would raise.
            var ids = pragma.ErrorCodes.Count == 0
                ? applicable
                : pragma.ErrorCodes.Select(code => code.ToString().Trim()).Where(id => id.StartsWith(Prefix, System.StringComparison.Ordinal)).ToList();
            foreach (var id in ids)
            {
                if (pragma.DisableOrRestoreKeyword.IsKind(SyntaxKind.DisableKeyword))
                {
                    disabled[id] = Comment(pragma);
                }
                else
                {
                    disabled.Remove(id);
                }
            }
        }

        return disabled.Select(pair => new SuppressionSpec(pair.Key, SuppressionKind.Pragma, pair.Value));
    }

    /// <summary>The comment on the pragma's line (<c>#pragma warning disable SAPI047 // health checks are polled</c>).</summary>
    private static string? Comment(PragmaWarningDirectiveTriviaSyntax pragma)
    {
        var comment = pragma.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia));
        var text = comment.ToString().TrimStart('/').Trim();
        return text.Length == 0 ? null : text;
    }

    private static IEnumerable<SuppressionSpec> SuppressMessages(IMethodSymbol method, Compilation compilation, KnownTypes known)
    {
        var targets = new[] { "~M:" + method.GetDocumentationCommentId()?.Substring(2), "~T:" + method.ContainingType.GetDocumentationCommentId()?.Substring(2) };
        var onAssembly = compilation.Assembly.GetAttributes()
            .Where(a => targets.Contains(a.NamedString("Target"), System.StringComparer.Ordinal));
        foreach (var attribute in method.GetAttributes().Concat(method.ContainingType.GetAttributes()).Concat(onAssembly))
        {
            if (!attribute.AttributeClass.Is(known.SuppressMessageAttribute) && !attribute.AttributeClass.Is(known.UnconditionalSuppressMessageAttribute))
            {
                continue;
            }

            // The check id is "SAPI047" or "SAPI047:Endpoint opts out of rate limiting".
            var checkId = attribute.ConstructorArguments.Length > 1 ? attribute.ConstructorArguments[1].Value as string : null;
            var id = checkId?.Split(':')[0].Trim();
            if (id is not null && id.StartsWith(Prefix, System.StringComparison.Ordinal))
            {
                yield return new SuppressionSpec(id, SuppressionKind.SuppressMessage, attribute.NamedString("Justification"));
            }
        }
    }
}

using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;

namespace SecureApi.Generators.Parsing;

/// <summary>
/// Reads a symbol's XML documentation (<c>&lt;summary&gt;</c>, <c>&lt;remarks&gt;</c>) as plain text for the OpenAPI
/// document: <c>&lt;c&gt;</c> and <c>&lt;see cref&gt;</c> become their text, whitespace is collapsed.
/// </summary>
internal static class DocComments
{
    /// <summary>The summary's first sentence, and the whole summary with the remarks; nulls when undocumented.</summary>
    public static (string? Summary, string? Description) Read(ISymbol symbol)
    {
        var xml = Xml(symbol);
        if (string.IsNullOrWhiteSpace(xml))
        {
            return (null, null);
        }

        XElement root;
        try
        {
            root = XElement.Parse(xml, LoadOptions.PreserveWhitespace);
        }
        catch (System.Xml.XmlException)
        {
            return (null, null); // malformed documentation is the compiler's to report (CS1570), not ours
        }

        var summary = Text(root.Element("summary"));
        var remarks = Text(root.Element("remarks"));
        var description = string.Join(" ", new[] { summary, remarks }.Where(t => t.Length > 0));
        return (summary.Length == 0 ? null : FirstSentence(summary), description.Length == 0 ? null : description);
    }

    /// <summary>The whole summary, as one line of plain text; null when undocumented.</summary>
    public static string? Summary(ISymbol symbol)
    {
        var xml = Xml(symbol);
        if (string.IsNullOrWhiteSpace(xml))
        {
            return null;
        }

        try
        {
            var text = Text(XElement.Parse(xml, LoadOptions.PreserveWhitespace).Element("summary"));
            return text.Length == 0 ? null : text;
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    /// <summary>
    /// The compiler's documentation XML; when the project does not generate a documentation file the compiler does not
    /// parse <c>///</c> comments (DocumentationMode.None) and returns nothing, so the comment is read from the syntax.
    /// </summary>
    private static string? Xml(ISymbol symbol)
    {
        var xml = symbol.GetDocumentationCommentXml(expandIncludes: false);
        if (!string.IsNullOrWhiteSpace(xml))
        {
            return xml;
        }

        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            var lines = reference.GetSyntax().GetLeadingTrivia().ToFullString()
                .Split('\n')
                .Select(line => line.Trim())
                .Where(line => line.StartsWith("///", System.StringComparison.Ordinal))
                .Select(line => line.Substring(3))
                .ToList();
            if (lines.Count > 0)
            {
                return "<doc>" + string.Join("\n", lines) + "</doc>";
            }
        }

        return null;
    }

    private static string Text(XElement? element)
    {
        if (element is null)
        {
            return "";
        }

        var builder = new StringBuilder();
        Append(builder, element);
        return Regex.Replace(builder.ToString(), @"\s+", " ").Trim();
    }

    private static void Append(StringBuilder builder, XElement element)
    {
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XText text:
                    builder.Append(text.Value);
                    break;
                case XElement { Name.LocalName: "see" or "seealso" } reference:
                    builder.Append(reference.Value.Length > 0 ? reference.Value : Short(reference.Attribute("cref")?.Value ?? reference.Attribute("langword")?.Value ?? reference.Attribute("href")?.Value ?? ""));
                    break;
                case XElement { Name.LocalName: "paramref" or "typeparamref" } parameter:
                    builder.Append(parameter.Attribute("name")?.Value ?? "");
                    break;
                case XElement child:
                    Append(builder, child);
                    builder.Append(child.Name.LocalName is "para" or "br" ? " " : "");
                    break;
            }
        }
    }

    /// <summary><c>T:NotesService.Note</c> → <c>Note</c>; <c>M:A.B.C(System.Guid)</c> → <c>C</c>.</summary>
    private static string Short(string cref)
    {
        var name = cref.Length > 2 && cref[1] == ':' ? cref.Substring(2) : cref;
        var paren = name.IndexOf('(');
        if (paren >= 0)
        {
            name = name.Substring(0, paren);
        }

        var dot = name.LastIndexOf('.');
        return dot >= 0 ? name.Substring(dot + 1) : name;
    }

    private static string FirstSentence(string text)
    {
        var match = Regex.Match(text, @"^.+?[.!?](?=\s|$)");
        return match.Success ? match.Value : text;
    }
}

using System.Linq;
using Microsoft.CodeAnalysis;

namespace SecureApi.Generators.Parsing;

/// <summary>
/// Whether an endpoint can answer with a model's words: its class takes Microsoft.Extensions.AI's <c>IChatClient</c> in a
/// constructor, or the method takes one. Such an endpoint's response passes through the output firewall by default, as
/// if it said <c>[FilterOutput]</c>: a model's output is untrusted text that may carry other people's data or secrets.
/// </summary>
internal static class ChatClientUse
{
    private const string ChatClientName = "IChatClient";
    private const string ChatClientNamespace = "Microsoft.Extensions.AI";

    /// <summary>Whether a constructor of <paramref name="type"/> takes one: read once per class, not per endpoint.</summary>
    public static bool InConstructors(INamedTypeSymbol type) =>
        type.InstanceConstructors.SelectMany(c => c.Parameters).Any(p => IsChatClient(p.Type));

    public static bool Reaches(IMethodSymbol method, bool classTakesChatClient) =>
        classTakesChatClient || method.Parameters.Any(p => IsChatClient(p.Type));

    // The name first: the namespace's display string is built only for a type that could be it. The namespace, not the
    // type's display string, so a parameter declared IChatClient? (displayed with its '?') counts too.
    private static bool IsChatClient(ITypeSymbol type) =>
        type.Name == ChatClientName && type.ContainingNamespace?.ToDisplayString() == ChatClientNamespace;
}

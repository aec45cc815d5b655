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
    private const string ChatClient = "Microsoft.Extensions.AI.IChatClient";

    public static bool Reaches(IMethodSymbol method) =>
        method.Parameters.Any(p => IsChatClient(p.Type))
        || method.ContainingType.InstanceConstructors.SelectMany(c => c.Parameters).Any(p => IsChatClient(p.Type));

    private static bool IsChatClient(ITypeSymbol type) => type.ToDisplayString() == ChatClient;
}

using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace SecureApi.Generators.Diagnostics;

/// <summary>Every diagnostic SecureApi reports. Ids are public surface: never renumber or reuse one.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "SecureApi";
    private const string HelpBase = "https://github.com/secureapi/secureapi/blob/main/README.md#diagnostics";

    public static readonly DiagnosticDescriptor EndpointClassNotPartial = Error(
        "SAPI001", "Endpoint class must be partial",
        "'{0}' has [Endpoints] but is not partial; add the 'partial' modifier so SecureApi can generate its handlers");

    public static readonly DiagnosticDescriptor UnsupportedParameter = Error(
        "SAPI002", "Parameter cannot be bound",
        "Parameter '{0}' of '{1}' has type '{2}', which SecureApi cannot bind: use a route or query value (string, number, Guid, bool, date, enum), one JSON body type, Caller, CancellationToken, HttpContext or a [Service]");

    public static readonly DiagnosticDescriptor DuplicateRoute = Error(
        "SAPI003", "Duplicate route",
        "{0} {1} is declared by both '{2}' and '{3}'; each method and route may be mapped once");

    public static readonly DiagnosticDescriptor UnboundedInput = Error(
        "SAPI004", "Request member has no size limit",
        "'{0}.{1}' is a {2} a client can make as large as the body allows; add [MaxLength], [StringLength] or [Length] to bound it");

    public static readonly DiagnosticDescriptor RouteParameterNotBound = Error(
        "SAPI005", "Route parameter has no method parameter",
        "Route '{0}' of '{1}' has the parameter '{{{2}}}' but the method has no parameter named '{2}'");

    public static readonly DiagnosticDescriptor UnsupportedReturnType = Error(
        "SAPI006", "Return type is not supported",
        "'{0}' returns '{1}'; return a JSON type, bool, IResult, Created<T>, or a Task/ValueTask of one, or nothing");

    public static readonly DiagnosticDescriptor MultipleBodies = Error(
        "SAPI007", "More than one body parameter",
        "'{0}' has more than one JSON body parameter ('{1}' and '{2}'); a request has one body: combine them into one type");

    public static readonly DiagnosticDescriptor UnsupportedMemberType = Error(
        "SAPI008", "Member type is not supported in JSON",
        "'{0}.{1}' has type '{2}', which SecureApi does not read or write as JSON; use a primitive, string, Guid, date, enum, array, List<T>, IReadOnlyList<T> or another object");

    public static readonly DiagnosticDescriptor JsonNameClash = Error(
        "SAPI009", "Two JSON types share a name",
        "'{0}' and '{1}' would both be exposed as '{2}' in the generated JSON context; rename one of them");

    public static readonly DiagnosticDescriptor NestedEndpointClass = Error(
        "SAPI010", "Endpoint class cannot be nested or generic",
        "'{0}' is nested in another type or generic; declare endpoint classes as top-level, non-generic partial classes");

    public static readonly DiagnosticDescriptor AdminStoreWithoutRole = Error(
        "SAPI011", "Unscoped admin store on an endpoint without a role",
        "'{0}' uses '{1}', which reads every owner's rows, but endpoint '{2}' does not require a role; add [RequireRole(\"admin\")] to the class or method");

    public static readonly DiagnosticDescriptor MassAssignment = Error(
        "SAPI012", "Request type can set a protected member",
        "Request type '{0}' has member '{1}', which is the {2} of resource '{3}' and is set by the server; remove it from the request type");

    public static readonly DiagnosticDescriptor InvalidResource = Error(
        "SAPI013", "Resource declaration is not valid",
        "Resource '{0}' is not valid: {1}");

    public static readonly DiagnosticDescriptor NoGeneratedOperation = Error(
        "SAPI014", "Partial endpoint has no generated operation",
        "Partial method '{0}' has no body and does not match a generated operation: {1}");

    public static IReadOnlyDictionary<string, DiagnosticDescriptor> ById { get; } = typeof(DiagnosticDescriptors)
        .GetFields()
        .Select(field => field.GetValue(null))
        .OfType<DiagnosticDescriptor>()
        .ToDictionary(descriptor => descriptor.Id);

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "-" + id.ToLowerInvariant());
}

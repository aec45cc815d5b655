using System.Text.Json;
using Microsoft.Extensions.AI;

namespace SecureApi.AiGuards;

/// <summary>
/// A tool a model may ask for, bound to the request's <see cref="SecureApi.Caller"/> when it is made: its body reaches
/// data only through the caller-scoped stores (or endpoints) everything else uses, so a model acting for user A — a
/// person's question, an agent's delegated token — can never name B's rows; the caller is not an argument the model can
/// set. The parameters are declared as an explicit JSON schema (no reflection over a delegate, so it trims and compiles
/// ahead of time); an argument the schema does not name is refused before the body runs.
/// </summary>
public abstract class CallerScopedTool : AIFunction
{
    private readonly JsonElement _schema;
    private readonly HashSet<string> _parameters;

    /// <param name="caller">The request's caller: every call of this tool acts for it and nobody else.</param>
    /// <param name="parametersSchema">
    /// The JSON schema of the arguments, an object schema: <c>{"type":"object","properties":{"id":{"type":"string"}},"required":["id"]}</c>.
    /// </param>
    protected CallerScopedTool(Caller caller, string parametersSchema)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentException.ThrowIfNullOrEmpty(parametersSchema);
        Caller = caller;
        using var document = JsonDocument.Parse(parametersSchema);
        _schema = document.RootElement.Clone();
        _parameters = new HashSet<string>(StringComparer.Ordinal);
        if (_schema.ValueKind != JsonValueKind.Object || !_schema.TryGetProperty("type", out var type) || type.GetString() != "object")
        {
            throw new ArgumentException("A tool's parameters are an object schema: {\"type\":\"object\",\"properties\":{…}}.", nameof(parametersSchema));
        }

        if (_schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                _parameters.Add(property.Name);
            }
        }
    }

    /// <summary>The caller this tool acts for.</summary>
    public Caller Caller { get; }

    /// <inheritdoc />
    public sealed override JsonElement JsonSchema => _schema;

    /// <summary>Runs the tool for <see cref="Caller"/>; what it returns goes back to the model as the tool's result.</summary>
    protected abstract ValueTask<string> InvokeForCallerAsync(Caller caller, ToolArguments arguments, CancellationToken cancellationToken);

    /// <summary>Refuses arguments the schema does not declare (an <c>ownerId</c> a model made up), then runs the body for the bound caller.</summary>
    protected sealed override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        foreach (var name in arguments.Keys)
        {
            if (!_parameters.Contains(name))
            {
                return ToolArguments.Refusal($"'{Name}' has no argument '{ToolArguments.Printable(name)}'.");
            }
        }

        return await InvokeForCallerAsync(Caller, new ToolArguments(arguments), cancellationToken);
    }
}

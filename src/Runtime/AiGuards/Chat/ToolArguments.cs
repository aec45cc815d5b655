using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace SecureApi.AiGuards;

/// <summary>
/// A tool call's arguments as a model sent them: providers hand them over as <see cref="JsonElement"/>s, scripted clients
/// as plain values; both read the same way here, and a value of the wrong shape is "absent" rather than an exception.
/// </summary>
public readonly struct ToolArguments
{
    private readonly AIFunctionArguments _arguments;

    internal ToolArguments(AIFunctionArguments arguments) => _arguments = arguments;

    /// <summary>The text of a string argument.</summary>
    public bool TryGetString(string name, out string value)
    {
        value = "";
        if (!_arguments.TryGetValue(name, out var raw))
        {
            return false;
        }

        switch (raw)
        {
            case string text:
                value = text;
                return true;
            case JsonElement { ValueKind: JsonValueKind.String } element:
                value = element.GetString()!;
                return true;
            default:
                return false;
        }
    }

    /// <summary>A GUID sent as a string (the way ids travel in JSON), or as a <see cref="Guid"/>.</summary>
    public bool TryGetGuid(string name, out Guid value)
    {
        if (_arguments.TryGetValue(name, out var raw) && raw is Guid guid)
        {
            value = guid;
            return true;
        }

        value = default;
        return TryGetString(name, out var text) && Guid.TryParse(text, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>A whole number, sent as a JSON number or an <see cref="int"/>.</summary>
    public bool TryGetInt32(string name, out int value)
    {
        value = 0;
        if (!_arguments.TryGetValue(name, out var raw))
        {
            return false;
        }

        switch (raw)
        {
            case int number:
                value = number;
                return true;
            case long number when number is >= int.MinValue and <= int.MaxValue:
                value = (int)number;
                return true;
            case JsonElement { ValueKind: JsonValueKind.Number } element:
                return element.TryGetInt32(out value);
            default:
                return false;
        }
    }

    /// <summary>The result a tool gives for a call it will not carry out: says why, in words a model can act on.</summary>
    public static string Refusal(string reason) => "refused: " + reason;

    /// <summary>A model-chosen name, shortened and stripped of control characters before it is echoed back.</summary>
    internal static string Printable(string name)
    {
        var shortened = name.Length > 64 ? name[..64] : name;
        return string.Create(shortened.Length, shortened, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
    }
}

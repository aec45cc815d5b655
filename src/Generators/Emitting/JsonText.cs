using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace SecureApi.Generators.Emitting;

/// <summary>
/// A small indented JSON writer for the inventory (the generator targets netstandard2.0 and ships without
/// System.Text.Json). Values are written in call order; commas and indentation are managed here.
/// </summary>
internal sealed class JsonText
{
    private readonly StringBuilder _builder = new();
    private readonly Stack<bool> _hasItems = new();

    public JsonText BeginObject(string? name = null) => Open(name, '{');

    public JsonText EndObject() => Close('}');

    public JsonText BeginArray(string? name = null) => Open(name, '[');

    public JsonText EndArray() => Close(']');

    public JsonText String(string name, string? value) => Value(name, value is null ? "null" : Quote(value));

    public JsonText String(string value) => Value(null, Quote(value));

    public JsonText Bool(string name, bool value) => Value(name, value ? "true" : "false");

    public JsonText Number(string name, long? value) => Value(name, value?.ToString(CultureInfo.InvariantCulture) ?? "null");

    /// <summary>An array of strings on one line: the inventory's lists are short.</summary>
    public JsonText Strings(string? name, IEnumerable<string> values)
    {
        var items = new List<string>();
        foreach (var value in values)
        {
            items.Add(Quote(value));
        }

        return Value(name, "[" + string.Join(", ", items) + "]");
    }

    public override string ToString() => _builder.ToString();

    private JsonText Open(string? name, char bracket)
    {
        Separate(name);
        _builder.Append(bracket);
        _hasItems.Push(false);
        return this;
    }

    private JsonText Close(char bracket)
    {
        if (_hasItems.Pop())
        {
            NewLine();
        }

        _builder.Append(bracket);
        return this;
    }

    private JsonText Value(string? name, string text)
    {
        Separate(name);
        _builder.Append(text);
        return this;
    }

    private void Separate(string? name)
    {
        if (_hasItems.Count > 0)
        {
            if (_hasItems.Peek())
            {
                _builder.Append(',');
            }

            _hasItems.Pop();
            _hasItems.Push(true);
            NewLine();
        }

        if (name is not null)
        {
            _builder.Append(Quote(name)).Append(": ");
        }
    }

    private void NewLine() => _builder.Append('\n').Append(' ', _hasItems.Count * 2);

    private static string Quote(string value)
    {
        var quoted = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': quoted.Append("\\\""); break;
                case '\\': quoted.Append("\\\\"); break;
                case '\n': quoted.Append("\\n"); break;
                case '\r': quoted.Append("\\r"); break;
                case '\t': quoted.Append("\\t"); break;
                case '<': quoted.Append("\\u003C"); break; // safe to paste into HTML
                case '>': quoted.Append("\\u003E"); break;
                case '&': quoted.Append("\\u0026"); break;
                default:
                    if (c < ' ')
                    {
                        quoted.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        quoted.Append(c);
                    }

                    break;
            }
        }

        return quoted.Append('"').ToString();
    }
}

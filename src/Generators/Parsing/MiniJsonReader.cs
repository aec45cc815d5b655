using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace SecureApi.Generators.Parsing;

/// <summary>Why a JSON text could not be read, with the line it stopped at.</summary>
internal sealed class MiniJsonException(string message) : System.Exception(message);

/// <summary>
/// Reads JSON into dictionaries, lists, strings, longs, bools and nulls: enough for the schema snapshot, which the
/// generator must read without System.Text.Json (it targets netstandard2.0 and ships alone).
/// </summary>
internal sealed class MiniJsonReader
{
    private readonly string _text;
    private int _position;

    private MiniJsonReader(string text) => _text = text;

    public static object? Read(string text)
    {
        var reader = new MiniJsonReader(text);
        var value = reader.Value();
        reader.SkipWhitespace();
        if (reader._position < text.Length)
        {
            throw reader.Error("unexpected text after the JSON value");
        }

        return value;
    }

    private object? Value()
    {
        SkipWhitespace();
        if (_position >= _text.Length)
        {
            throw Error("unexpected end of the text");
        }

        switch (_text[_position])
        {
            case '{': return Object();
            case '[': return Array();
            case '"': return String();
            case 't': return Literal("true", true);
            case 'f': return Literal("false", false);
            case 'n': return Literal("null", null);
            default: return Number();
        }
    }

    private Dictionary<string, object?> Object()
    {
        var members = new Dictionary<string, object?>(System.StringComparer.Ordinal);
        _position++;
        SkipWhitespace();
        if (TryTake('}'))
        {
            return members;
        }

        do
        {
            SkipWhitespace();
            if (_position >= _text.Length || _text[_position] != '"')
            {
                throw Error("expected a member name");
            }

            var name = String();
            SkipWhitespace();
            Expect(':');
            members[name] = Value();
            SkipWhitespace();
        }
        while (TryTake(','));

        Expect('}');
        return members;
    }

    private List<object?> Array()
    {
        var items = new List<object?>();
        _position++;
        SkipWhitespace();
        if (TryTake(']'))
        {
            return items;
        }

        do
        {
            items.Add(Value());
            SkipWhitespace();
        }
        while (TryTake(','));

        Expect(']');
        return items;
    }

    private string String()
    {
        _position++; // the opening quote
        var builder = new StringBuilder();
        while (_position < _text.Length)
        {
            var c = _text[_position++];
            if (c == '"')
            {
                return builder.ToString();
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            if (_position >= _text.Length)
            {
                break;
            }

            var escaped = _text[_position++];
            switch (escaped)
            {
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'u' when _position + 4 <= _text.Length && int.TryParse(_text.Substring(_position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                    builder.Append((char)code);
                    _position += 4;
                    break;
                case '"' or '\\' or '/': builder.Append(escaped); break;
                default: throw Error("unknown escape \\" + escaped);
            }
        }

        throw Error("unterminated string");
    }

    private long Number()
    {
        var start = _position;
        if (_position < _text.Length && _text[_position] == '-')
        {
            _position++;
        }

        while (_position < _text.Length && _text[_position] is >= '0' and <= '9')
        {
            _position++;
        }

        if (!long.TryParse(_text.Substring(start, _position - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            throw Error("expected a value");
        }

        return number;
    }

    private object? Literal(string word, object? value)
    {
        if (string.CompareOrdinal(_text, _position, word, 0, word.Length) != 0)
        {
            throw Error("expected a value");
        }

        _position += word.Length;
        return value;
    }

    private void Expect(char c)
    {
        if (!TryTake(c))
        {
            throw Error($"expected '{c}'");
        }
    }

    private bool TryTake(char c)
    {
        if (_position < _text.Length && _text[_position] == c)
        {
            _position++;
            return true;
        }

        return false;
    }

    private void SkipWhitespace()
    {
        while (_position < _text.Length && _text[_position] is ' ' or '\t' or '\r' or '\n')
        {
            _position++;
        }
    }

    private MiniJsonException Error(string problem)
    {
        var line = 1;
        for (var i = 0; i < _position && i < _text.Length; i++)
        {
            if (_text[i] == '\n')
            {
                line++;
            }
        }

        return new MiniJsonException($"{problem} at line {line}");
    }
}

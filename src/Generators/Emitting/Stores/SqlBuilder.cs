using System.Collections.Generic;
using System.Linq;

namespace SecureApi.Generators.Emitting.Stores;

/// <summary>Writes a statement one clause a line and records each parameter as the text first names it.</summary>
internal sealed class SqlBuilder(string name)
{
    private readonly List<string> _lines = [];
    private readonly List<SqlParameter> _parameters = [];

    /// <summary>The parameter's name for the text; the parameter joins the statement's list the first time.</summary>
    public string Use(SqlParameter parameter)
    {
        if (!_parameters.Any(p => p.Name == parameter.Name))
        {
            _parameters.Add(parameter);
        }

        return parameter.Name;
    }

    public SqlBuilder Line(string line)
    {
        _lines.Add(line);
        return this;
    }

    /// <summary><c>WHERE a</c>, then <c>  AND b</c> a line each: every condition is at the top level, so none can widen another.</summary>
    public SqlBuilder Where(IEnumerable<string> conditions)
    {
        var first = true;
        foreach (var condition in conditions)
        {
            _lines.Add((first ? "WHERE " : "  AND ") + condition);
            first = false;
        }

        return this;
    }

    /// <summary>A comma-separated list continued on lines aligned under its first item.</summary>
    public SqlBuilder List(string lead, IReadOnlyList<string> items, string end = "")
    {
        for (var i = 0; i < items.Count; i++)
        {
            var prefix = i == 0 ? lead : new string(' ', lead.Length);
            _lines.Add(prefix + items[i] + (i < items.Count - 1 ? "," : end));
        }

        return this;
    }

    public SqlStatement Build() => new(name, string.Join("\n", _lines), _parameters.ToArray());
}

using System.Collections.Generic;
using System.Linq;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Emitting;

/// <summary>Emits one <c>Validate</c> overload per request type: a flat list of rule calls, nested types by recursion.</summary>
internal static class ValidatorEmitter
{
    public const string HintName = "SecureApiValidators.g.cs";

    public static string Emit(IReadOnlyList<ValidatedTypeSpec> types)
    {
        var patterns = new Dictionary<(string Type, string Member), string>();
        foreach (var type in types)
        {
            foreach (var member in type.Members.Where(m => m.Rules.Any(r => r.Kind == RuleKind.Pattern)))
            {
                patterns[(type.TypeName, member.PropertyName)] = $"s_{ShortName(type.TypeName)}{member.PropertyName}Pattern{patterns.Count}";
            }
        }

        var writer = new SourceWriter();
        writer.Lines(SourceWriter.Header).Line();
        var suppressions = types.SelectMany(t => t.TrimSuppressions).Distinct().OrderBy(id => id, System.StringComparer.Ordinal).ToList();
        TrimSuppressions.Emit(
            writer,
            suppressions,
            """
            // [MaxLength], [MinLength] and [Length] reflect over Count in their own IsValid, which trimming flags;
            // SecureApi checks them in the generated code below and never calls IsValid.
            """,
            "Validated by SecureApi generated code.");
        writer.Line($"namespace {Names.GeneratedNamespace};").Line();
        writer.Line("/// <summary>Validation generated from the data annotations of request types; every error is collected, keyed by JSON path.</summary>");
        writer.Line(Names.GeneratedCodeAttribute);
        using (writer.Block($"internal static class {Names.Validators}"))
        {
            foreach (var type in types)
            {
                foreach (var member in type.Members)
                {
                    if (patterns.TryGetValue((type.TypeName, member.PropertyName), out var field))
                    {
                        var pattern = member.Rules.First(r => r.Kind == RuleKind.Pattern).Argument1;
                        writer.Line($"private static readonly global::System.Text.RegularExpressions.Regex {field} = global::SecureApi.Infrastructure.Patterns.Create({pattern});");
                    }
                }
            }

            foreach (var type in types)
            {
                writer.Line();
                writer.Line($"/// <summary>Validates a <see cref=\"{type.TypeName}\"/> whose members sit under <paramref name=\"path\"/>.</summary>");
                using (writer.Block($"public static void Validate({type.TypeName} value, ref {Names.ValidationErrors}? errors, string path = \"\")"))
                {
                    var first = true;
                    foreach (var member in type.Members.Where(m => m.Rules.Count > 0 || m.NestedType is not null))
                    {
                        if (!first)
                        {
                            writer.Line();
                        }

                        first = false;
                        patterns.TryGetValue((type.TypeName, member.PropertyName), out var patternField);
                        EmitMember(writer, member, patternField);
                    }
                }
            }
        }

        return writer.ToString();
    }

    private static void EmitMember(SourceWriter writer, ValidatedMemberSpec member, string? patternField)
    {
        var key = member.JsonName + "Key"; // a suffix keeps keywords (class → classKey) and pattern variables apart
        var value = "value." + member.PropertyName;
        var checks = member.Rules.Where(r => r.Kind != RuleKind.Required).SelectMany(r => RuleLines(r, member, value, key, patternField)).ToList();
        checks.AddRange(NestedLines(member, value, key));
        writer.Line($"var {key} = {Names.ValidationErrors}.Member(path, {Names.Literal(member.JsonName)});");
        if (member.Rules.Any(r => r.Kind == RuleKind.Required))
        {
            if (checks.Count == 0)
            {
                writer.Line($"{Names.Check}.Required({value}, ref errors, {key});");
                return;
            }

            using (writer.Block($"if ({Names.Check}.Required({value}, ref errors, {key}))"))
            {
                foreach (var line in checks)
                {
                    writer.Lines(line);
                }
            }

            return;
        }

        foreach (var line in checks)
        {
            writer.Lines(line);
        }
    }

    private static IEnumerable<string> RuleLines(RuleSpec rule, ValidatedMemberSpec member, string value, string key, string? patternField)
    {
        var nullable = member.Shape is MemberShape.NullableValue or MemberShape.NullableEnum;
        var operand = nullable ? $"{value}.GetValueOrDefault()" : value;
        var guard = nullable ? $"{value}.HasValue && " : "";
        yield return rule.Kind switch
        {
            RuleKind.NoNul => $"{Names.Check}.NoNul({value}, ref errors, {key});",
            RuleKind.MinLength => $"{Names.Check}.MinLength({value}, {rule.Argument1}, ref errors, {key});",
            RuleKind.MaxLength => $"{Names.Check}.MaxLength({value}, {rule.Argument1}, ref errors, {key});",
            RuleKind.MinCount => $"{Names.Check}.MinCount({value}, {rule.Argument1}, ref errors, {key});",
            RuleKind.MaxCount => $"{Names.Check}.MaxCount({value}, {rule.Argument1}, ref errors, {key});",
            RuleKind.Email => $"{Names.Check}.Email({value}, ref errors, {key});",
            RuleKind.Pattern => $"{Names.Check}.Pattern({value}, {patternField}, ref errors, {key});",
            RuleKind.DefinedEnum when nullable => $"if ({value} is {{ }} {member.JsonName}Defined) {Names.Check}.DefinedEnum({member.JsonName}Defined, ref errors, {key});",
            RuleKind.DefinedEnum => $"{Names.Check}.DefinedEnum({value}, ref errors, {key});",
            RuleKind.Range when nullable => $"if ({value} is {{ }} {member.JsonName}Ranged) {Names.Check}.Range({member.JsonName}Ranged, {rule.Argument1}, {rule.Argument2}, ref errors, {key});",
            RuleKind.Range => $"{Names.Check}.Range({value}, {rule.Argument1}, {rule.Argument2}, ref errors, {key});",
            RuleKind.Allowed => $"if ({guard}{NotNull(member, value)}{operand} is not ({rule.Argument1})) {Names.Check}.NotAllowed(ref errors, {key});",
            _ => $"if ({guard}{NotNull(member, value)}{operand} is {rule.Argument1}) {Names.Check}.Denied(ref errors, {key});",
        };
    }

    private static string NotNull(ValidatedMemberSpec member, string value) =>
        member.Shape == MemberShape.Text ? $"{value} is not null && " : "";

    private static IEnumerable<string> NestedLines(ValidatedMemberSpec member, string value, string key)
    {
        if (member.NestedType is null)
        {
            yield break;
        }

        if (member.Shape == MemberShape.Object)
        {
            yield return $"if ({value} is {{ }} {member.JsonName}Nested) Validate({member.JsonName}Nested, ref errors, {key});";
            yield break;
        }

        yield return $$"""
            if ({{value}} is { } {{member.JsonName}}Items)
            {
                var {{member.JsonName}}Index = 0;
                foreach (var {{member.JsonName}}Item in {{member.JsonName}}Items)
                {
                    var {{member.JsonName}}ItemKey = {{Names.ValidationErrors}}.Element({{key}}, {{member.JsonName}}Index++);
                    if ({{Names.Check}}.Required({{member.JsonName}}Item, ref errors, {{member.JsonName}}ItemKey)) Validate({{member.JsonName}}Item, ref errors, {{member.JsonName}}ItemKey);
                }
            }
            """;
    }

    private static string ShortName(string typeName)
    {
        var name = typeName.Substring(typeName.LastIndexOf('.') + 1);
        return new string(name.Where(char.IsLetterOrDigit).ToArray());
    }
}

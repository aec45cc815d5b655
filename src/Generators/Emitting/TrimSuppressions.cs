using System.Collections.Generic;
using System.Linq;

namespace SecureApi.Generators.Emitting;

/// <summary>Emits the assembly-level trim suppressions for members whose length attributes SecureApi never runs by reflection.</summary>
internal static class TrimSuppressions
{
    /// <summary>Writes <paramref name="why"/> and one <c>UnconditionalSuppressMessage</c> per target, then a blank line; nothing when there are none.</summary>
    public static void Emit(SourceWriter writer, IEnumerable<string> targets, string why, string justification)
    {
        var list = targets.ToList();
        if (list.Count == 0)
        {
            return;
        }

        writer.Lines(why);
        foreach (var target in list)
        {
            writer.Line($"[assembly: global::System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage(\"Trimming\", \"IL2026\", Scope = \"member\", Target = {Names.Literal(target)}, Justification = {Names.Literal(justification)})]");
        }

        writer.Line();
    }
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace SecureApi.Generators.Tests;

/// <summary>One generator run: the driver (to run again incrementally), the compilations before and after, and the result.</summary>
internal sealed record GeneratorRun(GeneratorDriver Driver, Compilation Input, Compilation Output, GeneratorRunResult Result)
{
    /// <summary>Diagnostics the generator reported.</summary>
    public ImmutableArray<Diagnostic> Diagnostics => Result.Diagnostics;

    /// <summary>Warnings and errors of the user source plus the generated source, compiled together.</summary>
    public ImmutableArray<Diagnostic> CompilationProblems =>
        [.. Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)];

    public IEnumerable<string> HintNames => Result.GeneratedSources.Select(s => s.HintName);

    public string Source(string hintName) =>
        Result.GeneratedSources.SingleOrDefault(s => s.HintName == hintName).SourceText?.ToString()
        ?? throw new InvalidOperationException($"No generated file '{hintName}'; generated: {string.Join(", ", HintNames)}.");

    /// <summary>The source text a diagnostic points at, looked up in the input by file path (the generator reports plain file locations).</summary>
    public string TextAt(Diagnostic diagnostic)
    {
        var path = diagnostic.Location.GetLineSpan().Path;
        var tree = Input.SyntaxTrees.SingleOrDefault(t => t.FilePath == path)
            ?? throw new InvalidOperationException($"{diagnostic.Id} points at '{path}', which is not a user source file: {diagnostic}");
        return tree.GetText().ToString(diagnostic.Location.SourceSpan);
    }
}

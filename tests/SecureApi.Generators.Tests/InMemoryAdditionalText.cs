using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SecureApi.Generators.Tests;

/// <summary>An AdditionalFiles item held in memory, as the compiler hands the generator a project's additional file.</summary>
internal sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

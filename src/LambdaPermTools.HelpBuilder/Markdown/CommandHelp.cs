using System;
using System.Collections.Generic;

namespace LambdaPermTools.HelpBuilder.Markdown
{
    /// <summary>The help text of one cmdlet, as written in its markdown source.</summary>
    public sealed record CommandHelp(
        string Name,
        string SourcePath,
        IReadOnlyList<Block> Synopsis,
        IReadOnlyList<Block> Description,
        IReadOnlyDictionary<string, IReadOnlyList<Block>> Parameters,
        IReadOnlyList<TypeHelp> Inputs,
        IReadOnlyList<TypeHelp> Outputs,
        IReadOnlyList<Block> Notes,
        IReadOnlyList<ExampleHelp> Examples,
        IReadOnlyList<LinkHelp> Links);

    /// <summary>One example: a title, the code people copy (and the Pester test runs), and what it shows.</summary>
    public sealed record ExampleHelp(string Title, string Code, IReadOnlyList<Block> Remarks);

    /// <summary>An input or output type and what it carries.</summary>
    public sealed record TypeHelp(string TypeName, IReadOnlyList<Block> Description);

    /// <summary>A related link: a command or topic name, or a web page.</summary>
    public sealed record LinkHelp(string Text, string Uri);

    /// <summary>Parameter texts shared by several cmdlets (AWS connection, API selection), used where a cmdlet's own file does not describe the parameter.</summary>
    public sealed record SharedParameters(string SourcePath, IReadOnlyDictionary<string, IReadOnlyList<Block>> Parameters)
    {
        public static SharedParameters None { get; } =
            new("", new Dictionary<string, IReadOnlyList<Block>>(StringComparer.OrdinalIgnoreCase));
    }
}

using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using LambdaPermTools.HelpBuilder.Markdown;
using LambdaPermTools.HelpBuilder.Metadata;

namespace LambdaPermTools.HelpBuilder.Output
{
    /// <summary>
    /// Writes MAML command help (the format Get-Help reads for compiled cmdlets): text from the markdown sources,
    /// syntax, types, positions, aliases and pipeline input from the compiled cmdlets.
    /// </summary>
    public static class MamlWriter
    {
        private static readonly XNamespace Msh = "http://msh";
        private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

        public static XDocument Write(IEnumerable<(CommandMetadata Metadata, CommandHelp Text)> commands, SharedParameters shared) =>
            new(
                new XDeclaration("1.0", "utf-8", null),
                new XElement(Msh + "helpItems", new XAttribute("schema", "maml"), commands.Select(c => CommandElement(c.Metadata, c.Text, shared))));

        private static XElement CommandElement(CommandMetadata command, CommandHelp text, SharedParameters shared)
        {
            var parameters = command.SupportsShouldProcess
                ? command.Parameters.Concat(CommonParameters.ShouldProcessParameters).ToList()
                : command.Parameters.ToList();
            IReadOnlyList<Block> Describe(ParameterMetadata p)
            {
                var blocks = HelpValidator.DescriptionOf(p.Name, text, shared);
                return blocks.Count == 0 && CommonParameters.IsCommon(p.Name)
                    ? new[] { new Block(BlockKind.Paragraph, CommonParameters.DefaultText(p.Name)) }
                    : blocks;
            }

            return new XElement(
                Command + "command",
                new XAttribute(XNamespace.Xmlns + "maml", Maml),
                new XAttribute(XNamespace.Xmlns + "command", Command),
                new XAttribute(XNamespace.Xmlns + "dev", Dev),
                new XElement(
                    Command + "details",
                    new XElement(Command + "name", command.Name),
                    new XElement(Command + "verb", command.Verb),
                    new XElement(Command + "noun", command.Noun),
                    Description(text.Synopsis)),
                Description(text.Description),
                new XElement(Command + "syntax", command.ParameterSetNames.Select(set => SyntaxItem(command, set, Describe))),
                new XElement(Command + "parameters", parameters.Select(p => ParameterElement(p, p.Sets, Describe(p), inSyntax: false))),
                new XElement(Command + "inputTypes", text.Inputs.Select(t => TypeElement("inputType", t))),
                new XElement(Command + "returnValues", Outputs(command, text).Select(t => TypeElement("returnValue", t))),
                new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paragraphs(text.Notes))),
                new XElement(Command + "examples", text.Examples.Select((e, i) => ExampleElement(e, i + 1))),
                new XElement(Command + "relatedLinks", text.Links.Select(LinkElement)));
        }

        private static XElement SyntaxItem(CommandMetadata command, string set, System.Func<ParameterMetadata, IReadOnlyList<Block>> describe)
        {
            var members = command.ParametersOfSet(set).Select(x => ParameterElement(x.Parameter, new[] { x.Set }, describe(x.Parameter), inSyntax: true));
            var shouldProcess = command.SupportsShouldProcess
                ? CommonParameters.ShouldProcessParameters.Select(p => ParameterElement(p, p.Sets, describe(p), inSyntax: true))
                : Enumerable.Empty<XElement>();
            return new XElement(Command + "syntaxItem", new XElement(Maml + "name", command.Name), members, shouldProcess);
        }

        // In a syntax item the parameter is described for that one set; in the parameter list, across its sets.
        private static XElement ParameterElement(ParameterMetadata parameter, IReadOnlyList<ParameterSetMetadata> sets, IReadOnlyList<Block> description, bool inSyntax)
        {
            var required = sets.All(s => s.Mandatory);
            var positions = sets.Select(s => s.Position).Distinct().ToList();
            var position = positions.Count == 1 && positions[0].HasValue ? positions[0]!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "named";
            var byValue = sets.Any(s => s.ValueFromPipeline);
            var byName = sets.Any(s => s.ValueFromPipelineByPropertyName);
            var valueElement = parameter.IsSwitch && inSyntax
                ? null
                : new XElement(Command + "parameterValue", new XAttribute("required", !parameter.IsSwitch), new XAttribute("variableLength", false), parameter.TypeDisplayName);
            return new XElement(
                Command + "parameter",
                new XAttribute("required", required),
                new XAttribute("variableLength", parameter.TypeFullName.EndsWith("[]", System.StringComparison.Ordinal)),
                new XAttribute("globbing", false),
                new XAttribute("pipelineInput", PipelineInput(byValue, byName)),
                new XAttribute("position", position),
                new XAttribute("aliases", parameter.Aliases.Count == 0 ? "none" : string.Join(", ", parameter.Aliases)),
                new XElement(Maml + "name", parameter.Name),
                Description(description),
                valueElement,
                new XElement(Dev + "type", new XElement(Maml + "name", parameter.TypeFullName), new XElement(Maml + "uri")),
                new XElement(Dev + "defaultValue", parameter.IsSwitch ? "False" : "None"));
        }

        private static string PipelineInput(bool byValue, bool byName) => (byValue, byName) switch
        {
            (true, true) => "True (ByValue, ByPropertyName)",
            (true, false) => "True (ByValue)",
            (false, true) => "True (ByPropertyName)",
            _ => "False",
        };

        // Output types come from the sources when they describe them, else from [OutputType] with no text.
        private static IEnumerable<TypeHelp> Outputs(CommandMetadata command, CommandHelp text) =>
            text.Outputs.Count > 0 ? text.Outputs : command.OutputTypes.Select(t => new TypeHelp(t, new Block[0]));

        private static XElement TypeElement(string elementName, TypeHelp type) =>
            new(
                Command + elementName,
                new XElement(Dev + "type", new XElement(Maml + "name", type.TypeName)),
                Description(type.Description));

        private static XElement ExampleElement(ExampleHelp example, int number) =>
            new(
                Command + "example",
                new XElement(Maml + "title", $"---------- Example {number}: {TitleWithoutNumber(example.Title)} ----------"),
                new XElement(Dev + "code", example.Code),
                new XElement(Dev + "remarks", Paragraphs(example.Remarks), new XElement(Maml + "para", ""))); // the empty paragraph separates examples in Get-Help's text

        // Sources may write "Example 1: Find …" or just "Find …"; the number is added here either way.
        private static string TitleWithoutNumber(string title)
        {
            var match = System.Text.RegularExpressions.Regex.Match(title, @"^Example\s+\d+\s*[:.-]\s*(.*)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            return match.Success ? match.Groups[1].Value : title;
        }

        private static XElement LinkElement(LinkHelp link) =>
            new(
                Maml + "navigationLink",
                new XElement(Maml + "linkText", link.Text),
                new XElement(Maml + "uri", link.Uri));

        private static XElement Description(IReadOnlyList<Block> blocks) => new(Maml + "description", Paragraphs(blocks));

        private static IEnumerable<XElement> Paragraphs(IReadOnlyList<Block> blocks) =>
            blocks.Select(b => new XElement(Maml + "para", ParagraphText(b)));

        private static string ParagraphText(Block block) => block.Kind switch
        {
            BlockKind.ListItem => "- " + block.Text,
            BlockKind.Code => string.Join("\n", block.Text.Split('\n').Select(l => "    " + l)),
            _ => block.Text,
        };
    }
}

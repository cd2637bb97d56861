using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LambdaPermTools.Templates
{
    /// <summary>
    /// Reads a CloudFormation or SAM template, JSON or YAML, into <see cref="TemplateNode"/>s. YAML short-form tags become
    /// their long form (<c>!Ref</c> → <c>Ref</c>, <c>!Condition</c> → <c>Condition</c>, <c>!X</c> → <c>Fn::X</c>); any other
    /// tag is an error, as CloudFormation has it.
    /// </summary>
    internal static class TemplateParser
    {
        private const string YamlCoreTagPrefix = "tag:yaml.org,2002:";

        // The short forms CloudFormation documents (intrinsic and condition functions, and the language extensions').
        private static readonly HashSet<string> ShortForms = new HashSet<string>(StringComparer.Ordinal)
        {
            "Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs", "ImportValue", "Join", "Select", "Split", "Sub", "Transform",
            "And", "Equals", "If", "Not", "Or", "Length", "ToJsonString",
        };

        /// <exception cref="TemplateParseException">Not JSON or YAML, an unknown tag, or no Resources map.</exception>
        public static TemplateNode Parse(string text)
        {
            var trimmed = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
            TemplateNode root;
            if (trimmed.StartsWith("{", StringComparison.Ordinal))
            {
                try
                {
                    root = ParseJson(text.TrimStart('\uFEFF'));
                }
                catch (TemplateParseException jsonError)
                {
                    // CloudFormation reads a template as JSON first and then as YAML (a YAML flow mapping also starts with "{").
                    root = TryYaml(text) ?? throw jsonError;
                }
            }
            else
            {
                root = ParseYaml(text);
            }

            if (!root.IsMap || root["Resources"]?.IsMap != true)
            {
                throw new TemplateParseException("is not a CloudFormation template: it has no Resources section (a map of resources).", root.Line, root.Column, notATemplate: true);
            }

            return root;
        }

        private static TemplateNode? TryYaml(string text)
        {
            try
            {
                return ParseYaml(text);
            }
            catch (TemplateParseException)
            {
                return null;
            }
        }

        private static TemplateNode ParseYaml(string text)
        {
            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(text));
            }
            catch (YamlException e)
            {
                throw new TemplateParseException("is not valid YAML: " + YamlMessage(e), (int)e.Start.Line, (int)e.Start.Column, inner: e);
            }
            catch (ArgumentException e)
            {
                // YamlDotNet reports a repeated key of a mapping this way.
                throw new TemplateParseException("is not valid YAML: " + e.Message, 0, 0, inner: e);
            }

            if (stream.Documents.Count == 0)
            {
                throw new TemplateParseException("is empty.", 1, 1, notATemplate: true);
            }

            if (stream.Documents.Count > 1)
            {
                var second = stream.Documents[1].RootNode.Start;
                throw new TemplateParseException("holds more than one YAML document; a template is one document.", (int)second.Line, (int)second.Column);
            }

            return FromYaml(stream.Documents[0].RootNode);
        }

        private static string YamlMessage(YamlException e)
        {
            // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: …) - (Line: …): "; the position is reported separately.
            var message = e.InnerException is YamlException inner ? inner.Message : e.Message;
            var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
            return cut >= 0 ? message.Substring(cut + 3) : message;
        }

        private static TemplateNode FromYaml(YamlNode node)
        {
            var line = (int)node.Start.Line;
            var column = (int)node.Start.Column;
            var value = node switch
            {
                YamlScalarNode scalar => FromScalar(scalar, line, column),
                YamlSequenceNode sequence => TemplateNode.List(sequence.Children.Select(FromYaml).ToList(), line, column),
                YamlMappingNode mapping => TemplateNode.Map(Entries(mapping), line, column),
                _ => throw new TemplateParseException("has a YAML node that a template cannot hold.", line, column),
            };

            var tag = node.Tag.IsEmpty ? null : node.Tag.Value;
            if (tag == null || tag == "!" || tag.StartsWith(YamlCoreTagPrefix, StringComparison.Ordinal))
            {
                return value;
            }

            var name = tag.Substring(1);
            string function;
            if (name == "Ref" || name == "Condition")
            {
                function = name;
            }
            else if (ShortForms.Contains(name))
            {
                function = "Fn::" + name;
            }
            else
            {
                throw new TemplateParseException($"uses the unknown tag '{tag}'; CloudFormation knows !Ref, !Condition and the short forms of its Fn:: functions (!Sub, !GetAtt, !Join, …).", line, column);
            }

            return TemplateNode.Map(new List<KeyValuePair<string, TemplateNode>> { new KeyValuePair<string, TemplateNode>(function, value) }, line, column);
        }

        private static TemplateNode FromScalar(YamlScalarNode scalar, int line, int column)
        {
            var text = scalar.Value ?? "";
            var plain = scalar.Style == YamlDotNet.Core.ScalarStyle.Plain || scalar.Style == YamlDotNet.Core.ScalarStyle.Any;
            return plain && scalar.Tag.IsEmpty && (text.Length == 0 || text == "~" || text == "null" || text == "Null" || text == "NULL")
                ? TemplateNode.Null(line, column)
                : TemplateNode.Scalar(text, line, column);
        }

        private static List<KeyValuePair<string, TemplateNode>> Entries(YamlMappingNode mapping)
        {
            var entries = new List<KeyValuePair<string, TemplateNode>>(mapping.Children.Count);
            foreach (var pair in mapping.Children)
            {
                if (!(pair.Key is YamlScalarNode key))
                {
                    throw new TemplateParseException("has a mapping key that is not a plain string.", (int)pair.Key.Start.Line, (int)pair.Key.Start.Column);
                }

                entries.Add(new KeyValuePair<string, TemplateNode>(key.Value ?? "", FromYaml(pair.Value)));
            }

            return entries;
        }

        private static TemplateNode ParseJson(string text)
        {
            try
            {
                using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 256 });
                return FromJson(document.RootElement);
            }
            catch (JsonException e)
            {
                // JsonException counts lines and bytes from 0.
                var line = (int)(e.LineNumber ?? -1) + 1;
                var column = (int)(e.BytePositionInLine ?? -1) + 1;
                var message = e.Message;
                var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
                throw new TemplateParseException("is not valid JSON: " + (cut > 0 ? message.Substring(0, cut) : message), line, column, inner: e);
            }
        }

        private static TemplateNode FromJson(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    return TemplateNode.Map(element.EnumerateObject().Select(p => new KeyValuePair<string, TemplateNode>(p.Name, FromJson(p.Value))).ToList(), 0, 0);
                case JsonValueKind.Array:
                    return TemplateNode.List(element.EnumerateArray().Select(FromJson).ToList(), 0, 0);
                case JsonValueKind.String:
                    return TemplateNode.Scalar(element.GetString() ?? "", 0, 0);
                case JsonValueKind.Null:
                    return TemplateNode.Null(0, 0);
                default:
                    return TemplateNode.Scalar(element.GetRawText(), 0, 0);
            }
        }
    }
}

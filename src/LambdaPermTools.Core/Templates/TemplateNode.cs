using System.Collections.Generic;

namespace LambdaPermTools.Templates
{
    internal enum NodeKind
    {
        Null,
        Scalar,
        List,
        Map,
    }

    /// <summary>
    /// One value of a template as written: a scalar (its text), a list or a map (keys in order). YAML short-form tags
    /// are already turned into their long form (<c>!Sub x</c> → <c>{"Fn::Sub": x}</c>), so YAML and JSON read alike.
    /// </summary>
    internal sealed class TemplateNode
    {
        private readonly Dictionary<string, TemplateNode>? _byKey;

        private TemplateNode(NodeKind kind, string? text, List<TemplateNode>? items, List<KeyValuePair<string, TemplateNode>>? entries, int line, int column)
        {
            Kind = kind;
            Text = text;
            Items = items ?? new List<TemplateNode>();
            Entries = entries ?? new List<KeyValuePair<string, TemplateNode>>();
            Line = line;
            Column = column;
            if (entries != null)
            {
                _byKey = new Dictionary<string, TemplateNode>(System.StringComparer.Ordinal);
                foreach (var entry in entries)
                {
                    _byKey[entry.Key] = entry.Value;
                }
            }
        }

        public NodeKind Kind { get; }

        /// <summary>The scalar's text (numbers and booleans as written).</summary>
        public string? Text { get; }

        public List<TemplateNode> Items { get; }

        public List<KeyValuePair<string, TemplateNode>> Entries { get; }

        /// <summary>1-based position in the file (0 when unknown).</summary>
        public int Line { get; }

        public int Column { get; }

        public bool IsScalar => Kind == NodeKind.Scalar;

        public bool IsMap => Kind == NodeKind.Map;

        public bool IsList => Kind == NodeKind.List;

        public static TemplateNode Null(int line, int column) => new TemplateNode(NodeKind.Null, null, null, null, line, column);

        public static TemplateNode Scalar(string text, int line, int column) => new TemplateNode(NodeKind.Scalar, text, null, null, line, column);

        public static TemplateNode List(List<TemplateNode> items, int line, int column) => new TemplateNode(NodeKind.List, null, items, null, line, column);

        public static TemplateNode Map(List<KeyValuePair<string, TemplateNode>> entries, int line, int column) => new TemplateNode(NodeKind.Map, null, null, entries, line, column);

        /// <summary>The value under a key of a map, or null (also for a non-map).</summary>
        public TemplateNode? this[string key] => _byKey != null && _byKey.TryGetValue(key, out var value) ? value : null;

        /// <summary>For a one-key map whose key is an intrinsic function (Ref, Condition, Fn::…): that key, else null.</summary>
        public string? FunctionName => Kind == NodeKind.Map && Entries.Count == 1 && IsFunctionKey(Entries[0].Key) ? Entries[0].Key : null;

        public TemplateNode? FunctionArgument => FunctionName == null ? null : Entries[0].Value;

        public static bool IsFunctionKey(string key) => key == "Ref" || key == "Condition" || key.StartsWith("Fn::", System.StringComparison.Ordinal);
    }
}

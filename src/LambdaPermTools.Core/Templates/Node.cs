using System.Collections.Generic;
using System.Linq;

namespace LambdaPermTools.Templates
{
    /// <summary>Builds template nodes for what a transform writes (SAM's URIs, aliases), as if the template said them.</summary>
    internal static class Node
    {
        public static TemplateNode Scalar(string text) => TemplateNode.Scalar(text, 0, 0);

        public static TemplateNode List(params TemplateNode[] items) => TemplateNode.List(items.ToList(), 0, 0);

        public static TemplateNode Map(params (string Key, TemplateNode Value)[] entries) =>
            TemplateNode.Map(entries.Select(e => new KeyValuePair<string, TemplateNode>(e.Key, e.Value)).ToList(), 0, 0);

        public static TemplateNode Function(string name, TemplateNode argument) => Map((name, argument));
    }
}

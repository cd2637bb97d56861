using System.Linq;
using System.Text;

namespace LambdaPermTools.Templates
{
    /// <summary>A template expression as a YAML user writes it (<c>!Sub 'arn:…${MyApi}/*'</c>), for Reason sentences.</summary>
    internal static class ExpressionText
    {
        private const int MaxLength = 240;

        public static string Of(TemplateNode node)
        {
            var text = new StringBuilder();
            Write(node, text);
            return text.Length <= MaxLength ? text.ToString() : text.ToString(0, MaxLength) + "…";
        }

        private static void Write(TemplateNode node, StringBuilder text)
        {
            if (text.Length > MaxLength)
            {
                return;
            }

            switch (node.Kind)
            {
                case NodeKind.Null:
                    text.Append("null");
                    break;
                case NodeKind.Scalar:
                    var value = node.Text!;
                    text.Append(value.Length == 0 || value.IndexOfAny(new[] { ' ', ':', ',', '[', ']', '{', '}', '#', '\'' }) >= 0 ? "'" + value.Replace("'", "''") + "'" : value);
                    break;
                case NodeKind.List:
                    text.Append('[');
                    for (var i = 0; i < node.Items.Count; i++)
                    {
                        if (i > 0)
                        {
                            text.Append(", ");
                        }

                        Write(node.Items[i], text);
                    }

                    text.Append(']');
                    break;
                default:
                    var function = node.FunctionName;
                    if (function != null)
                    {
                        text.Append('!').Append(function.StartsWith("Fn::", System.StringComparison.Ordinal) ? function.Substring(4) : function).Append(' ');
                        Write(node.FunctionArgument!, text);
                        break;
                    }

                    text.Append('{');
                    foreach (var (entry, index) in node.Entries.Select((e, i) => (e, i)))
                    {
                        if (index > 0)
                        {
                            text.Append(", ");
                        }

                        text.Append(entry.Key).Append(": ");
                        Write(entry.Value, text);
                    }

                    text.Append('}');
                    break;
            }
        }
    }
}

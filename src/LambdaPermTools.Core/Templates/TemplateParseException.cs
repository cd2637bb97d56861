using System;

namespace LambdaPermTools.Templates
{
    /// <summary>A template that cannot be read: YAML or JSON syntax, an unknown tag, or no template at all. Line and column are 1-based (0 = unknown).</summary>
    public sealed class TemplateParseException : Exception
    {
        public TemplateParseException(string message, int line, int column, bool notATemplate = false, Exception? inner = null)
            : base(message, inner)
        {
            Line = line;
            Column = column;
            NotATemplate = notATemplate;
        }

        public int Line { get; }

        public int Column { get; }

        /// <summary>The text parsed, but it is no CloudFormation template (no Resources map).</summary>
        public bool NotATemplate { get; }
    }
}

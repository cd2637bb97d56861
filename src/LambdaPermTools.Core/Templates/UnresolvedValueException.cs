using System;

namespace LambdaPermTools.Templates
{
    /// <summary>A template value that cannot be known offline (an import, a parameter without a default, an undecidable condition).</summary>
    internal sealed class UnresolvedValueException : Exception
    {
        public UnresolvedValueException(string expression, string why)
            : base($"{expression} ({why})")
        {
            Expression = expression;
            Why = why;
        }

        /// <summary>The expression as the template writes it, e.g. <c>!ImportValue shared-fn</c>.</summary>
        public string Expression { get; }

        public string Why { get; }
    }
}

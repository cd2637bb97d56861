using System;

namespace LambdaPermTools.Policies
{
    /// <summary>A policy document is not JSON or not shaped like an IAM policy.</summary>
    public sealed class PolicyFormatException : FormatException
    {
        public PolicyFormatException(string message, Exception? inner = null)
            : base(message, inner)
        {
        }
    }
}

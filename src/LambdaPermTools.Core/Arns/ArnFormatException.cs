using System;

namespace LambdaPermTools.Arns
{
    /// <summary>
    /// Text that should be an ARN, Lambda URI or policy part is malformed. The only exception the
    /// parsers throw; <see cref="Exception.Message"/> says what is wrong in words.
    /// </summary>
    public sealed class ArnFormatException : FormatException
    {
        public ArnFormatException(string input, string problem)
            : base($"'{Shorten(input)}' {problem}")
        {
            Input = input;
            Problem = problem;
        }

        /// <summary>The text that failed to parse.</summary>
        public string Input { get; }

        /// <summary>What is wrong with it, as a sentence fragment ("is not a function ARN: …").</summary>
        public string Problem { get; }

        // Hostile inputs can be huge; the message stays readable.
        private static string Shorten(string text) => text.Length <= 200 ? text : text.Substring(0, 200) + "…";
    }
}

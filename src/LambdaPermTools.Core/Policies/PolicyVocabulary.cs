using System;
using System.Collections.Generic;

namespace LambdaPermTools.Policies
{
    /// <summary>
    /// The words that nearly every statement of a Lambda resource policy repeats, each held once: a run keeps every policy
    /// it read, and otherwise each statement keeps its own copy of "Allow", "lambda:InvokeFunction", the service principal,
    /// the condition operator and key.
    /// </summary>
    internal static class PolicyVocabulary
    {
        private static readonly Dictionary<string, string> Words = new Dictionary<string, string>(StringComparer.Ordinal);

        static PolicyVocabulary()
        {
            foreach (var word in new[]
            {
                "Allow", "Deny", "*", LambdaPermission.InvokeAction, "lambda:*", LambdaPermission.ApiGatewayPrincipal,
                "ArnLike", "ArnEquals", ConditionOperators.StringEquals, "StringLike", "AWS:SourceArn", "aws:SourceArn", "AWS:SourceAccount", "aws:SourceAccount",
            })
            {
                Words[word] = word;
            }
        }

        /// <summary>The shared instance of a well-known word, or the text itself.</summary>
        public static string Share(string text) => Words.TryGetValue(text, out var shared) ? shared : text;
    }
}

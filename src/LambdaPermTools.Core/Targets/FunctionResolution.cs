using System;
using System.Collections.Generic;
using System.Linq;
using LambdaPermTools.Arns;

namespace LambdaPermTools.Targets
{
    /// <summary>A Lambda URI's function for one stage: stage variables substituted, then parsed (docs/aws-rules.md §4.2, §4.3).</summary>
    internal sealed class FunctionResolution
    {
        private FunctionResolution(FunctionArn? function, IReadOnlyList<string> unresolved, string region, string accountId)
        {
            Function = function;
            Unresolved = unresolved;
            Region = region;
            AccountId = accountId;
        }

        /// <summary>The function, or null when a variable is undefined or the text is no function reference.</summary>
        public FunctionArn? Function { get; }

        public IReadOnlyList<string> Unresolved { get; }

        /// <summary>The function's region, or the URI's region when the function cannot be read.</summary>
        public string Region { get; }

        /// <summary>The function's account when it can be read, else empty.</summary>
        public string AccountId { get; }

        /// <summary>The function that <paramref name="text"/> (the URI's function reference, its stage variables substituted) names.</summary>
        public static FunctionResolution Of(string text, IReadOnlyList<string> unresolved, LambdaUri uri, string apiAccountId)
        {
            if (unresolved.Count == 0 && FunctionArn.TryParse(text, uri.DefaultsFor(apiAccountId), out var function, out _))
            {
                return new FunctionResolution(function, unresolved, function!.Region, function.AccountId);
            }

            // Still report where the function lives when those ARN parts are literal (…:lambda:us-east-1:1111…:function:${stageVariables.fn}).
            var parts = text.Split(':');
            var isArn = parts.Length >= 5 && parts[0] == "arn" && parts[2] == "lambda";
            var region = isArn && IsLiteral(parts[3]) && parts[3].Length > 0 ? parts[3] : uri.Region;
            var account = isArn && IsLiteral(parts[4]) ? parts[4] : "";
            return new FunctionResolution(null, unresolved, region, account);
        }

        /// <summary>Fills a target's function properties; undefined variables (URI or credentials) leave FunctionArn empty.</summary>
        public void ApplyTo(IntegrationTarget target)
        {
            if (Unresolved.Count > 0 || target.UnresolvedVariables.Length > 0)
            {
                target.UnresolvedVariables = Unresolved.Concat(target.UnresolvedVariables).Distinct(StringComparer.Ordinal).ToArray();
            }

            target.Region = Region;
            target.FunctionAccountId = AccountId;
            if (Function != null)
            {
                target.FunctionName = Function.Unqualified;
                target.Qualifier = Function.Qualifier;
                target.FunctionArn = target.UnresolvedVariables.Length == 0 ? Function.Qualified : "";
            }
        }

        private static bool IsLiteral(string part) => part.IndexOfAny(new[] { '$', '{', '}' }) < 0;
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using LambdaPermTools.Arns;
using LambdaPermTools.Evaluation;

namespace LambdaPermTools.Templates
{
    /// <summary>
    /// A Denied verdict that holds only because the stack's partition, region or account is still symbolic while a grant
    /// or the function writes one literally (<c>arn:aws:execute-api:…</c>, a function in <c>eu-west-1</c>) is not a verdict:
    /// it depends on where the stack deploys. This tries the literal values the target and its grants write in those ARN
    /// components in place of the symbols, and says which one makes the invoke allowed.
    /// </summary>
    internal static class DeploymentDependence
    {
        private const int MaxTries = 64;
        private static readonly (int Index, string Name)[] Components = { (1, "partition"), (3, "region"), (4, "account") };

        /// <summary>A sentence naming the deployment that would allow the target, or null when none of the written values does.</summary>
        public static string? Explain(IntegrationTarget target, IEnumerable<TemplateModel.Grant> grants, TemplatePolicies policies, ValueResolver resolver)
        {
            var symbols = new Dictionary<int, string>();
            foreach (var (index, value) in new[] { (1, resolver.Partition), (3, resolver.Region), (4, resolver.AccountId) })
            {
                if (resolver.Symbols.IsSymbolic(value))
                {
                    symbols[index] = value;
                }
            }

            if (symbols.Count == 0)
            {
                return null;
            }

            var arns = new[] { target.PresentedSourceArn, target.FunctionArn }
                .Concat(grants.Where(g => g.FunctionName == target.FunctionName).SelectMany(g => g.SourceArns));
            var candidates = symbols.ToDictionary(s => s.Key, s => new List<string> { s.Value });
            foreach (var components in arns.Select(ArnPattern.SplitComponents).Where(c => c != null))
            {
                foreach (var index in symbols.Keys)
                {
                    var literal = components![index];
                    if (literal.Length > 0 && literal.IndexOfAny(new[] { '*', '?' }) < 0 && !resolver.Symbols.IsSymbolic(literal) && !candidates[index].Contains(literal))
                    {
                        candidates[index].Add(literal);
                    }
                }
            }

            foreach (var assignment in Assignments(candidates).Skip(1).Take(MaxTries))
            {
                string Replace(string text) => assignment.Aggregate(text, (t, a) => t.Replace(symbols[a.Key], a.Value));
                var probe = Concrete(target, Replace);
                var finding = PermissionEvaluator.Evaluate(probe, policies.Replaced(Replace).EvidenceFor(new[] { probe }));
                if (finding.Status == PermissionStatus.Allowed)
                {
                    var where = string.Join(", ", assignment.Where(a => a.Value != symbols[a.Key]).Select(a => $"{Components.First(c => c.Index == a.Key).Name} '{a.Value}'"));
                    var by = finding.MatchedStatementId == null ? "" : $" by {finding.MatchedStatementId}";
                    return $"is granted{by} only if the stack deploys to {where}, which the template leaves open: one side writes that value literally, the other a pseudo parameter; pass -Region and -AccountId to decide, or write ${{AWS::Partition}}, ${{AWS::Region}} and ${{AWS::AccountId}} on both sides.";
                }
            }

            return null;
        }

        /// <summary>Every combination of the candidates, the all-symbolic one first.</summary>
        private static IEnumerable<Dictionary<int, string>> Assignments(Dictionary<int, List<string>> candidates)
        {
            IEnumerable<Dictionary<int, string>> all = new[] { new Dictionary<int, string>() };
            foreach (var pair in candidates)
            {
                all = all.SelectMany(partial => pair.Value.Select(value => new Dictionary<int, string>(partial) { [pair.Key] = value })).ToList();
            }

            return all;
        }

        private static IntegrationTarget Concrete(IntegrationTarget target, Func<string, string> replace)
        {
            var probe = new IntegrationTarget();
            target.CopyTargetTo(probe);
            probe.ApiAccountId = replace(probe.ApiAccountId);
            probe.ApiRegion = replace(probe.ApiRegion);
            probe.FunctionArn = replace(probe.FunctionArn);
            probe.FunctionName = replace(probe.FunctionName);
            probe.Region = replace(probe.Region);
            probe.FunctionAccountId = replace(probe.FunctionAccountId);
            probe.PresentedSourceArn = replace(probe.PresentedSourceArn);
            probe.IntegrationUri = replace(probe.IntegrationUri);
            return probe;
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using LambdaPermTools.Apis;
using LambdaPermTools.Evaluation;
using LambdaPermTools.Targets;

namespace LambdaPermTools.Tests.Support
{
    /// <summary>Resolve → evaluate in one call, with the evidence a test supplies.</summary>
    internal static class Run
    {
        public static IReadOnlyList<IntegrationTarget> Targets(ApiSnapshot api, bool testInvoke = false, params string[] stages) =>
            TargetResolver.Resolve(api, new TargetSelection { IncludeTestInvoke = testInvoke, StageNames = stages });

        public static IReadOnlyList<PermissionFinding> Findings(ApiSnapshot api, EvidenceSet evidence, bool testInvoke = false) =>
            Targets(api, testInvoke).Select(t => PermissionEvaluator.Evaluate(t, evidence)).ToList();

        public static EvidenceSet Evidence(params (string Function, string? Qualifier, string? PolicyJson)[] policies)
        {
            var evidence = new EvidenceSet();
            foreach (var (function, qualifier, json) in policies)
            {
                evidence.AddPolicy(function, qualifier, json == null
                    ? new PolicyLookup { Status = LookupStatus.NoPolicy }
                    : new PolicyLookup { Status = LookupStatus.Found, PolicyJson = json, RevisionId = "rev-1" });
            }

            return evidence;
        }

        /// <summary>A read role: its trust policy and IAM's decision for lambda:InvokeFunction on one exact function ARN.</summary>
        public static RoleLookup Role(string trustPolicy, string functionArn, string decision)
        {
            var lookup = new RoleLookup { Status = LookupStatus.Found, TrustPolicyJson = trustPolicy };
            lookup.InvokeDecisions[functionArn] = decision;
            return lookup;
        }

        public static EvidenceSet WithRole(string roleArn, RoleLookup lookup, EvidenceSet? evidence = null)
        {
            evidence ??= new EvidenceSet();
            evidence.AddRole(roleArn, lookup);
            return evidence;
        }
    }
}

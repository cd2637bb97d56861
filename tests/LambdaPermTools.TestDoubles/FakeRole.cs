using System.Collections.Generic;

namespace LambdaPermTools.TestDoubles
{
    /// <summary>An IAM role: its trust policy and the exact (qualified) function ARNs its policies let it invoke.</summary>
    internal sealed class FakeRole
    {
        public FakeRole(string arn, string trustPolicyJson, IEnumerable<string> invocableFunctionArns)
        {
            Arn = arn;
            Name = arn.Substring(arn.LastIndexOf('/') + 1);
            TrustPolicyJson = trustPolicyJson;
            Invocable = new HashSet<string>(invocableFunctionArns);
        }

        public string Arn { get; }
        public string Name { get; }
        public string TrustPolicyJson { get; }
        public HashSet<string> Invocable { get; }
    }
}

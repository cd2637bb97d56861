using System;

namespace LambdaPermTools.Evaluation
{
    /// <summary>Decides, as AWS would at run time, whether API Gateway may invoke a target's function.</summary>
    public static class PermissionEvaluator
    {
        /// <summary>The finding for one target; for a Denied finding that a resource policy can fix, the grant properties are filled from <paramref name="fix"/>.</summary>
        public static PermissionFinding Evaluate(IntegrationTarget target, EvidenceSet evidence, Fix.FixOptions? fix = null) =>
            throw new NotImplementedException();
    }
}

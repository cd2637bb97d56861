using System;
using System.Collections.Generic;

namespace LambdaPermTools.Fix
{
    public enum TemplateFormat
    {
        CloudFormationYaml,
        CloudFormationJson,
        Terraform,
        AwsCli,
        AwsPowerShell,
    }

    /// <summary>The same grants as infrastructure-as-code or command text.</summary>
    public static class TemplateWriter
    {
        public static string Write(IReadOnlyList<PlannedGrant> grants, TemplateFormat format) => throw new NotImplementedException();
    }
}

namespace LambdaPermTools.Rendering
{
    public enum TemplateFormat
    {
        CloudFormationYaml,
        CloudFormationJson,
        Terraform,
        AwsCli,
        AwsPowerShell,

        /// <summary>Per function and qualifier, the whole current policy with the grants merged (needs the current policies).</summary>
        ResourcePolicy,
    }
}

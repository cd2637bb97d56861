namespace LambdaPermTools.Rendering
{
    public enum TemplateFormat
    {
        CloudFormationYaml,
        CloudFormationJson,
        Terraform,
        AwsCli,
        AwsPowerShell,
    }
}

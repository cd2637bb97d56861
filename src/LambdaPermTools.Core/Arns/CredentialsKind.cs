namespace LambdaPermTools.Arns
{
    /// <summary>What an integration's <c>credentials</c> (or an authorizer's <c>authorizerCredentials</c>) asks for (docs/aws-rules.md §4.4).</summary>
    public enum CredentialsKind
    {
        /// <summary>null/empty: the function's resource policy decides.</summary>
        None,
        /// <summary><c>arn:aws:iam::*:user/*</c>: the caller's own identity is passed through.</summary>
        CallerPassthrough,
        /// <summary>An IAM role that API Gateway assumes.</summary>
        Role,
        /// <summary>Anything else: not a value API Gateway can use.</summary>
        Invalid,
    }
}

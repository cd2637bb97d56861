namespace LambdaPermTools.Policies
{
    /// <summary>The Lambda Invoke call a statement is judged against: who calls, on which function, presenting which source.</summary>
    public sealed class InvokeRequest
    {
        /// <summary>The exact (qualified) function ARN invoked: the statement's Resource must cover it.</summary>
        public string FunctionArn { get; set; } = "";

        /// <summary>The X-Amz-Source-Arn API Gateway presents (§1.7).</summary>
        public string PresentedSourceArn { get; set; } = "";

        /// <summary>The API owner's account, compared with AWS:SourceAccount.</summary>
        public string ApiAccountId { get; set; } = "";

        /// <summary>When set, the call comes from this assumed role (cross-account §4.4), not from the service principal.</summary>
        public string? RoleArn { get; set; }

        /// <summary>The role's account (with <see cref="RoleArn"/>).</summary>
        public string? RoleAccountId { get; set; }
    }
}

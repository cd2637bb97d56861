namespace LambdaPermTools
{
    /// <summary>One statement of a function's resource policy that concerns API Gateway, and what it is still used for.</summary>
    public class PermissionGrant
    {
        /// <summary>The unqualified function ARN.</summary>
        public string FunctionName { get; set; } = "";

        /// <summary>The alias or version whose policy holds the statement; empty for the unqualified function.</summary>
        public string Qualifier { get; set; } = "";
        public string Region { get; set; } = "";

        /// <summary>The statement's Sid; empty when it has none (then it can only be removed by rewriting the document).</summary>
        public string StatementId { get; set; } = "";
        public string Effect { get; set; } = "";
        public string Principal { get; set; } = "";
        public string Action { get; set; } = "";
        public string SourceArn { get; set; } = "";
        public string SourceAccount { get; set; } = "";

        /// <summary>The API id, stage, method and resource path as the source ARN names them (patterns stay patterns).</summary>
        public string ApiId { get; set; } = "";
        public string StageName { get; set; } = "";
        public string HttpMethod { get; set; } = "";
        public string ResourcePath { get; set; } = "";

        /// <summary>The statement's size in the policy document (UTF-8 bytes).</summary>
        public int StatementBytes { get; set; }

        /// <summary>The whole policy's size (UTF-8 bytes) and what is left of Lambda's 20,480-byte limit.</summary>
        public int PolicyBytes { get; set; }
        public int PolicyBytesLeft { get; set; }

        /// <summary>Principal *, no SourceArn, or a SourceArn that covers every method and the authorizers of the API.</summary>
        public bool OverlyBroad { get; set; }
        public GrantUsage Usage { get; set; }

        /// <summary>The targets this statement grants today ("{api}/{stage} {METHOD} {path}" or "{api}/{stage} authorizer {name}").</summary>
        public string[] UsedBy { get; set; } = new string[0];

        /// <summary>One plain sentence: why this Usage.</summary>
        public string Reason { get; set; } = "";

        /// <summary>Why the statement belongs to a policy written as one document (AddPermission cannot write it), else empty.</summary>
        public string WholeDocumentReason { get; set; } = "";

        /// <summary>The statement JSON as it stands in the policy.</summary>
        public string Statement { get; set; } = "";
    }
}

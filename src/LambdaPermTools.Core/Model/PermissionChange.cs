namespace LambdaPermTools
{
    /// <summary>One grant that Add-ApiLambdaPermission added, found present, or skipped; or a statement Remove-ApiLambdaPermission removed or skipped.</summary>
    public class PermissionChange
    {
        public string FunctionName { get; set; } = "";
        public string? Qualifier { get; set; }
        public string StatementId { get; set; } = "";
        public string SourceArn { get; set; } = "";
        public string Action { get; set; } = "";
        public string Principal { get; set; } = "";
        public ChangeResult Result { get; set; }
        /// <summary>The statement JSON that Lambda returned (Added), the existing one (AlreadyPresent), or the one removed (Removed).</summary>
        public string? Statement { get; set; }
        /// <summary>Why a grant was skipped (one plain sentence), or null.</summary>
        public string? Reason { get; set; }
    }
}

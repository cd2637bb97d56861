namespace LambdaPermTools.Grants
{
    /// <summary>Why a grant was refused: the field (of the finding, or of the SourceArn) that is not what AWS issues, and in what way.</summary>
    public sealed class GrantRefusal
    {
        public GrantRefusal(string field, string value, string problem)
        {
            Field = field;
            Value = value;
            Problem = problem;
        }

        /// <summary>The finding's property (RestApiId, Region, ApiAccountId, StageName, HttpMethod, ResourcePath, AuthorizerId, FunctionName) or SourceArn.</summary>
        public string Field { get; }
        public string Value { get; }
        public string Problem { get; }

        public override string ToString() => $"{Field} '{Value}' {Problem}";
    }
}

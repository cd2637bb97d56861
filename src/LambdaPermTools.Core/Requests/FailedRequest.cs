using System;

namespace LambdaPermTools.Requests
{
    /// <summary>One request that the execution log shows failing on a Lambda permission, as far as its lines tell.</summary>
    public sealed class FailedRequest
    {
        public string RequestId { get; set; } = "";
        public TargetKind Kind { get; set; }
        public string HttpMethod { get; set; } = "";
        public string ResourcePath { get; set; } = "";
        public string RequestPath { get; set; } = "";
        public string FunctionArn { get; set; } = "";
        public DateTimeOffset? Time { get; set; }
    }
}

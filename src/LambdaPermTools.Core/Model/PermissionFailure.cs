using System;

namespace LambdaPermTools
{
    /// <summary>
    /// One distinct failing (API, stage, canary or not, kind, method, function) that execution logs show failing with
    /// "Invalid permissions on Lambda function", with how often and when. Emitted by Find-ApiLambdaPermissionError
    /// (contract: LambdaPermTools.PermissionFailure); Test-ApiLambdaPermission judges the targets it names.
    /// </summary>
    public sealed class PermissionFailure
    {
        public string RestApiId { get; set; } = "";
        public string StageName { get; set; } = "";
        public bool Canary { get; set; }
        /// <summary>The log group read, or "(text)" for log text given to the cmdlet.</summary>
        public string LogGroupName { get; set; } = "";
        public TargetKind Kind { get; set; }
        /// <summary>The method and its resource template as far as the log shows them; empty when it does not.</summary>
        public string HttpMethod { get; set; } = "";
        public string ResourcePath { get; set; } = "";
        /// <summary>One request path that failed ("/pets/42").</summary>
        public string RequestPath { get; set; } = "";
        /// <summary>The function exactly as API Gateway called it (from "Sending request to …").</summary>
        public string FunctionArn { get; set; } = "";
        public int Count { get; set; }
        public DateTimeOffset? FirstSeen { get; set; }
        public DateTimeOffset? LastSeen { get; set; }
        /// <summary>Up to five request ids of failed requests.</summary>
        public string[] RequestIds { get; set; } = new string[0];
    }
}

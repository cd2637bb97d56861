using System.Collections.Generic;

namespace LambdaPermTools.Hygiene
{
    /// <summary>One function's policy at one qualifier, with what the AWS layer read to judge its statements.</summary>
    public sealed class GrantPolicy
    {
        /// <summary>The unqualified function ARN.</summary>
        public string FunctionArn { get; set; } = "";

        /// <summary>Alias or version; empty for the unqualified function.</summary>
        public string Qualifier { get; set; } = "";
        public string Region { get; set; } = "";
        public string PolicyJson { get; set; } = "";

        /// <summary>The credentials' account: the only account whose APIs the tool can see.</summary>
        public string CallerAccountId { get; set; } = "";

        /// <summary>The REST, HTTP and WebSocket API ids of <see cref="Region"/> (one GetRestApis and one GetApis listing); null when either failed.</summary>
        public ISet<string>? ExistingApiIds { get; set; }

        /// <summary>The regions the caller said the APIs that may invoke the function live in (-ApiRegion); empty when not said.</summary>
        public IReadOnlyList<string> ApiRegions { get; set; } = new string[0];

        /// <summary>The API ids of <see cref="ApiRegions"/> other than <see cref="Region"/>, with their region; null when a listing failed.</summary>
        public IReadOnlyDictionary<string, string>? ApiIdsElsewhere { get; set; } = new Dictionary<string, string>();

        /// <summary>APIs whose targets were read (their targets are in <see cref="Targets"/>).</summary>
        public ISet<string> ReadApiIds { get; set; } = new HashSet<string>();

        /// <summary>Targets of the APIs read: every stage's methods and authorizers (any function; the classifier picks this one's).</summary>
        public IReadOnlyList<IntegrationTarget> Targets { get; set; } = new IntegrationTarget[0];
    }
}

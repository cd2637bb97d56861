using System.Collections.Generic;

namespace LambdaPermTools.Apis
{
    // What the core needs to know about one REST API, as read from API Gateway's control plane
    // (GetResources?embed=methods, GetAuthorizers, GetStages, and GetExport per deployment). Plain data: the AWS layer fills it.

    /// <summary>Everything read about one API, plus who owns it and where it lives.</summary>
    public sealed class ApiSnapshot
    {
        public RestApiSummary Api { get; set; } = new RestApiSummary("", "");
        /// <summary>The API owner's account (STS GetCallerIdentity of the credentials that read it).</summary>
        public string AccountId { get; set; } = "";
        /// <summary>The API's region.</summary>
        public string Region { get; set; } = "";
        /// <summary>aws, aws-cn or aws-us-gov.</summary>
        public string Partition { get; set; } = "aws";
        public IReadOnlyList<ApiResource> Resources { get; set; } = new ApiResource[0];
        public IReadOnlyList<ApiAuthorizer> Authorizers { get; set; } = new ApiAuthorizer[0];
        public IReadOnlyList<ApiStage> Stages { get; set; } = new ApiStage[0];

        /// <summary>The deployments read (one export per distinct deployment), by id.</summary>
        public IReadOnlyDictionary<string, ApiDeployment> Deployments { get; set; } = new Dictionary<string, ApiDeployment>();

        /// <summary>Deployments that could not be read, by id, with why (the stages that serve them fall back to the current configuration).</summary>
        public IReadOnlyDictionary<string, string> UnreadDeployments { get; set; } = new Dictionary<string, string>();
    }
}

using System.Collections.Generic;

namespace LambdaPermTools.Apis
{
    // What the core needs to know about one HTTP or WebSocket API (API Gateway v2: GetRoutes, GetIntegrations,
    // GetAuthorizers, GetStages). Plain data: the AWS layer fills it.

    /// <summary>Everything read about one HTTP or WebSocket API, plus who owns it and where it lives.</summary>
    public sealed class V2ApiSnapshot
    {
        public V2ApiSummary Api { get; set; } = new V2ApiSummary("", "", ApiType.Http);
        /// <summary>The API owner's account.</summary>
        public string AccountId { get; set; } = "";
        public string Region { get; set; } = "";
        /// <summary>aws, aws-cn or aws-us-gov.</summary>
        public string Partition { get; set; } = "aws";
        public IReadOnlyList<V2Route> Routes { get; set; } = new V2Route[0];
        public IReadOnlyList<V2Integration> Integrations { get; set; } = new V2Integration[0];
        public IReadOnlyList<V2Authorizer> Authorizers { get; set; } = new V2Authorizer[0];
        public IReadOnlyList<V2Stage> Stages { get; set; } = new V2Stage[0];
    }
}

using System.Collections.Generic;
using System.Linq;
using LambdaPermTools.Apis;
using LambdaPermTools.Evaluation;
using LambdaPermTools.Targets;

namespace LambdaPermTools.Tests.Support
{
    /// <summary>Builds HTTP and WebSocket API snapshots: account 111122223333, us-east-1, API id "h1t2p3", stage "$default" unless given.</summary>
    internal sealed class TestV2Api
    {
        public const string Id = "h1t2p3";
        public const string Prefix = "arn:aws:execute-api:us-east-1:111122223333:" + Id;

        private readonly ApiType _type;
        private readonly List<V2Route> _routes = new();
        private readonly List<V2Integration> _integrations = new();
        private readonly List<V2Authorizer> _authorizers = new();
        private readonly List<V2Stage> _stages = new();

        public TestV2Api(ApiType type = ApiType.Http)
        {
            _type = type;
        }

        public TestV2Api Stage(string name, bool autoDeploy = true, params (string Key, string Value)[] variables)
        {
            _stages.Add(new V2Stage { StageName = name, AutoDeploy = autoDeploy, DeploymentId = "dep1", StageVariables = variables.ToDictionary(v => v.Key, v => v.Value) });
            return this;
        }

        /// <summary>A route with an AWS_PROXY integration whose URI is <paramref name="uri"/> (a function ARN or the invocations form).</summary>
        public TestV2Api Route(string routeKey, string uri, string? authorizerId = null, string type = "AWS_PROXY", string? credentials = null)
        {
            var integrationId = "i" + _integrations.Count;
            _integrations.Add(new V2Integration { IntegrationId = integrationId, IntegrationType = type, IntegrationUri = uri, CredentialsArn = credentials });
            _routes.Add(new V2Route
            {
                RouteId = "r" + _routes.Count,
                RouteKey = routeKey,
                Target = "integrations/" + integrationId,
                AuthorizationType = authorizerId == null ? "NONE" : "CUSTOM",
                AuthorizerId = authorizerId,
            });
            return this;
        }

        public TestV2Api Authorizer(string id, string name, string? uri, string type = "REQUEST")
        {
            _authorizers.Add(new V2Authorizer { AuthorizerId = id, Name = name, AuthorizerType = type, AuthorizerUri = uri });
            return this;
        }

        public V2ApiSnapshot Build() => new()
        {
            Api = new V2ApiSummary(Id, "pets-v2", _type),
            AccountId = TestApi.Account,
            Region = TestApi.Region,
            Routes = _routes,
            Integrations = _integrations,
            Authorizers = _authorizers,
            Stages = _stages.Count == 0 ? new[] { new V2Stage { StageName = "$default", AutoDeploy = true } } : _stages,
        };

        public IReadOnlyList<IntegrationTarget> Targets() => V2TargetResolver.Resolve(Build(), new TargetSelection());

        public IReadOnlyList<PermissionFinding> Findings(EvidenceSet evidence) => Targets().Select(t => PermissionEvaluator.Evaluate(t, evidence)).ToList();
    }
}

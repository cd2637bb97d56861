using System.Collections;
using System.Collections.Generic;
using System.Linq;
using LambdaPermTools.Apis;

namespace LambdaPermTools.TestDoubles
{
    /// <summary>
    /// An HTTP or WebSocket API held by <see cref="FakeAws"/>, with v2's semantics: a route targets "integrations/{id}",
    /// JWT authorizers carry no URI, and quick create (<see cref="FakeAws.QuickCreateHttpApi"/>) makes a $default route, an
    /// AWS_PROXY integration and an auto-deploying $default stage. Builder methods return the API so Pester can chain them.
    /// </summary>
    public sealed class FakeV2Api
    {
        private readonly List<V2Route> _routes = new List<V2Route>();
        private readonly List<V2Integration> _integrations = new List<V2Integration>();
        private readonly List<V2Authorizer> _authorizers = new List<V2Authorizer>();
        private readonly List<V2Stage> _stages = new List<V2Stage>();
        private readonly object _sync;

        internal FakeV2Api(string id, string name, ApiType type, object sync)
        {
            Id = id;
            Name = name;
            Type = type;
            _sync = sync;
        }

        public string Id { get; }
        public string Name { get; }
        public ApiType Type { get; }

        /// <summary>A route with its own integration: AWS_PROXY to <paramref name="integrationUri"/> (a function ARN or the invocations form) unless another type is given.</summary>
        public FakeV2Api AddRoute(string routeKey, string? integrationUri, string integrationType = "AWS_PROXY", string? authorizerId = null, string? credentialsArn = null)
        {
            lock (_sync)
            {
                var integrationId = $"{Id}-i{_integrations.Count}";
                _integrations.Add(new V2Integration
                {
                    IntegrationId = integrationId,
                    IntegrationType = integrationType,
                    IntegrationUri = FakeAws.Absent(integrationUri),
                    CredentialsArn = FakeAws.Absent(credentialsArn),
                });
                _routes.Add(new V2Route
                {
                    RouteId = $"{Id}-r{_routes.Count}",
                    RouteKey = routeKey,
                    Target = "integrations/" + integrationId,
                    AuthorizationType = FakeAws.Absent(authorizerId) == null ? "NONE" : "CUSTOM",
                    AuthorizerId = FakeAws.Absent(authorizerId),
                });
                return this;
            }
        }

        /// <summary>A Lambda REQUEST authorizer (<paramref name="authorizerUri"/> in the invocations form) or, with type JWT, one without a URI.</summary>
        public FakeV2Api AddAuthorizer(string id, string name, string type, string? authorizerUri, string? credentialsArn = null)
        {
            lock (_sync)
            {
                _authorizers.Add(new V2Authorizer
                {
                    AuthorizerId = id,
                    Name = name,
                    AuthorizerType = type,
                    AuthorizerUri = type == "JWT" ? null : FakeAws.Absent(authorizerUri),
                    AuthorizerCredentialsArn = FakeAws.Absent(credentialsArn),
                });
                return this;
            }
        }

        /// <summary>Adds a stage; <paramref name="variables"/> may be a PowerShell hashtable. A stage without auto-deploy has a deployment.</summary>
        public FakeV2Api AddStage(string stageName, bool autoDeploy = true, IDictionary? variables = null)
        {
            lock (_sync)
            {
                var copy = new Dictionary<string, string>();
                if (variables != null)
                {
                    foreach (DictionaryEntry entry in variables)
                    {
                        copy[entry.Key.ToString()!] = entry.Value?.ToString() ?? "";
                    }
                }

                _stages.Add(new V2Stage { StageName = stageName, AutoDeploy = autoDeploy, DeploymentId = "dep-" + stageName, StageVariables = copy });
                return this;
            }
        }

        internal IReadOnlyList<V2Route> Routes => _routes.ToList();
        internal IReadOnlyList<V2Integration> Integrations => _integrations.ToList();
        internal IReadOnlyList<V2Authorizer> Authorizers => _authorizers.ToList();
        internal IReadOnlyList<V2Stage> Stages => _stages.ToList();
    }
}

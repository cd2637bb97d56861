using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using LambdaPermTools.Apis;

namespace LambdaPermTools.TestDoubles
{
    /// <summary>A REST API held by <see cref="FakeAws"/>; the builder methods return it so Pester can chain them.</summary>
    public sealed class FakeRestApi
    {
        private readonly List<ApiResource> _resources = new List<ApiResource>();
        private readonly List<ApiAuthorizer> _authorizers = new List<ApiAuthorizer>();
        private readonly List<ApiStage> _stages = new List<ApiStage>();
        private readonly Dictionary<string, ApiDeployment> _deployments = new Dictionary<string, ApiDeployment>();
        private readonly object _sync;

        internal FakeRestApi(string id, string name, object sync)
        {
            Id = id;
            Name = name;
            _sync = sync;
            _resources.Add(new ApiResource { Id = id + "-root", Path = "/" });
        }

        public string Id { get; }
        public string Name { get; }

        /// <summary>Adds a method (creating the resource path as needed) with a Lambda or other integration.</summary>
        public FakeRestApi AddMethod(string path, string httpMethod, string integrationType, string? uri, string? credentials = null, string? authorizerId = null)
        {
            lock (_sync)
            {
                var resource = EnsureResource(path);
                var methods = resource.Methods.Where(m => m.HttpMethod != httpMethod).ToList();
                methods.Add(new ApiMethod
                {
                    HttpMethod = httpMethod,
                    AuthorizationType = FakeAws.Absent(authorizerId) == null ? "NONE" : "CUSTOM",
                    AuthorizerId = FakeAws.Absent(authorizerId),
                    Integration = new ApiIntegration { Type = integrationType, Uri = FakeAws.Absent(uri), Credentials = FakeAws.Absent(credentials), HttpMethod = "POST" },
                });
                resource.Methods = methods;
                return this;
            }
        }

        /// <summary>Deletes a method from the current configuration (deployments keep it).</summary>
        public FakeRestApi RemoveMethod(string path, string httpMethod)
        {
            lock (_sync)
            {
                var resource = EnsureResource(path);
                resource.Methods = resource.Methods.Where(m => m.HttpMethod != httpMethod).ToList();
                return this;
            }
        }

        /// <summary>Adds a resource with no methods (every path segment becomes a resource, as in API Gateway).</summary>
        public FakeRestApi AddResource(string path)
        {
            lock (_sync)
            {
                EnsureResource(path);
                return this;
            }
        }

        public FakeRestApi AddAuthorizer(string id, string name, string type, string? authorizerUri, string? credentials = null)
        {
            lock (_sync)
            {
                _authorizers.Add(new ApiAuthorizer { Id = id, Name = name, Type = type, AuthorizerUri = FakeAws.Absent(authorizerUri), AuthorizerCredentials = FakeAws.Absent(credentials) });
                return this;
            }
        }

        /// <summary>Deletes an authorizer from the current configuration (deployments keep it).</summary>
        public FakeRestApi RemoveAuthorizer(string id)
        {
            lock (_sync)
            {
                _authorizers.RemoveAll(a => a.Id == id);
                return this;
            }
        }

        /// <summary>
        /// CreateDeployment: freezes the current configuration (resources, methods, authorizers) under a new id (d1, d2, …)
        /// and returns the id. A stage that serves it shows it in GetExport, whatever changes later.
        /// </summary>
        public string CreateDeployment()
        {
            lock (_sync)
            {
                var id = "d" + (_deployments.Count + 1);
                _deployments[id] = new ApiDeployment
                {
                    Id = id,
                    Resources = _resources.Select(r => new ApiResource { Id = r.Id, Path = r.Path, Methods = r.Methods.ToList() }).ToList(),
                    Authorizers = _authorizers.ToList(),
                    CreatedDate = Today.AddHours(_deployments.Count + 1),
                };
                return id;
            }
        }

        /// <summary>
        /// Adds a stage; <paramref name="variables"/> may be a PowerShell hashtable. With a <paramref name="deploymentId"/> from
        /// <see cref="CreateDeployment"/> the stage serves that deployment; without one (set-up convenience for tests about other
        /// things) it serves deployment "d-{stage}", which always equals the current configuration, as if redeployed after every change.
        /// </summary>
        public FakeRestApi AddStage(string stageName, IDictionary? variables = null, string? deploymentId = null)
        {
            lock (_sync)
            {
                _stages.Add(new ApiStage { StageName = stageName, DeploymentId = FakeAws.Absent(deploymentId) ?? "d-" + stageName, Variables = Strings(variables), LastUpdatedDate = Today });
                return this;
            }
        }

        /// <summary>Redeploys a stage: a new deployment of the current configuration, which the stage then serves; returns its id.</summary>
        public string Deploy(string stageName)
        {
            lock (_sync)
            {
                var id = CreateDeployment();
                Stage(stageName).DeploymentId = id;
                Stage(stageName).LastUpdatedDate = Today.AddHours(_deployments.Count);
                return id;
            }
        }

        /// <summary>canarySettings: <paramref name="percentTraffic"/> of the stage's requests go to <paramref name="deploymentId"/> with the overrides laid over the stage's variables.</summary>
        public FakeRestApi SetCanary(string stageName, string deploymentId, double percentTraffic, IDictionary? stageVariableOverrides = null)
        {
            lock (_sync)
            {
                Stage(stageName).Canary = new ApiCanary { DeploymentId = deploymentId, PercentTraffic = percentTraffic, StageVariableOverrides = Strings(stageVariableOverrides) };
                return this;
            }
        }

        internal IReadOnlyList<ApiResource> Resources => _resources.ToList();
        internal IReadOnlyList<ApiAuthorizer> Authorizers => _authorizers.ToList();
        internal IReadOnlyList<ApiStage> Stages => _stages.Select(s => new ApiStage
        {
            StageName = s.StageName,
            DeploymentId = s.DeploymentId,
            Variables = s.Variables,
            Canary = s.Canary,
            LastUpdatedDate = s.LastUpdatedDate,
        }).ToList();

        /// <summary>GetDeployment's createdDate; null for an id CreateDeployment did not make (the "d-{stage}" set-up convenience included).</summary>
        internal DateTimeOffset? DeploymentCreated(string deploymentId) =>
            _deployments.TryGetValue(deploymentId, out var deployment) ? deployment.CreatedDate : null;

        /// <summary>What a stage serves: its deployment, or the current configuration for a stage added without one.</summary>
        internal ApiDeployment? Served(string stageName)
        {
            var stage = _stages.FirstOrDefault(s => s.StageName == stageName);
            if (stage == null)
            {
                return null;
            }

            return _deployments.TryGetValue(stage.DeploymentId!, out var deployment)
                ? deployment
                : new ApiDeployment { Id = stage.DeploymentId!, Resources = Resources, Authorizers = Authorizers };
        }

        /// <summary>A fixed date, so that outputs are the same on every run.</summary>
        private static System.DateTimeOffset Today => new System.DateTimeOffset(2026, 11, 30, 9, 0, 0, System.TimeSpan.Zero);

        private ApiStage Stage(string stageName) =>
            _stages.FirstOrDefault(s => s.StageName == stageName) ?? throw new System.ArgumentException($"No stage {stageName}; call AddStage first.", nameof(stageName));

        private static Dictionary<string, string> Strings(IDictionary? values)
        {
            var copy = new Dictionary<string, string>();
            if (values != null)
            {
                foreach (DictionaryEntry entry in values)
                {
                    copy[entry.Key.ToString()!] = entry.Value?.ToString() ?? "";
                }
            }

            return copy;
        }

        private ApiResource EnsureResource(string path)
        {
            var normalized = "/" + path.Trim('/');
            var existing = _resources.FirstOrDefault(r => r.Path == normalized);
            if (existing != null)
            {
                return existing;
            }

            var parentPath = normalized.LastIndexOf('/') == 0 ? "/" : normalized.Substring(0, normalized.LastIndexOf('/'));
            EnsureResource(parentPath);
            var resource = new ApiResource { Id = $"{Id}-r{_resources.Count}", Path = normalized };
            _resources.Add(resource);
            return resource;
        }
    }
}

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

        /// <summary>Adds a stage; <paramref name="variables"/> may be a PowerShell hashtable.</summary>
        public FakeRestApi AddStage(string stageName, IDictionary? variables = null)
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

                _stages.Add(new ApiStage { StageName = stageName, DeploymentId = "d-" + stageName, Variables = copy });
                return this;
            }
        }

        internal IReadOnlyList<ApiResource> Resources => _resources.ToList();
        internal IReadOnlyList<ApiAuthorizer> Authorizers => _authorizers.ToList();
        internal IReadOnlyList<ApiStage> Stages => _stages.ToList();

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

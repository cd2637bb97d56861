using System.Collections.Generic;
using System.Linq;
using LambdaPermTools.Apis;

namespace LambdaPermTools.Tests.Support
{
    /// <summary>Builds API snapshots for tests: account 111122223333, us-east-1, API id "a1b2c3", stage "prod".</summary>
    internal sealed class TestApi
    {
        public const string Account = "111122223333";
        public const string OtherAccount = "444455556666";
        public const string Region = "us-east-1";
        public const string Id = "a1b2c3";

        private readonly List<ApiResource> _resources = new();
        private readonly List<ApiAuthorizer> _authorizers = new();
        private readonly List<ApiStage> _stages = new();
        private string _partition = "aws";
        private string _region = Region;

        public static string Fn(string name, string region = Region, string account = Account, string partition = "aws") =>
            $"arn:{partition}:lambda:{region}:{account}:function:{name}";

        public static string Uri(string functionArn, string region = Region, string partition = "aws") =>
            $"arn:{partition}:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations";

        public TestApi Partition(string partition, string region)
        {
            _partition = partition;
            _region = region;
            return this;
        }

        public TestApi Stage(string name, params (string Key, string Value)[] variables)
        {
            _stages.Add(new ApiStage { StageName = name, DeploymentId = "d1", Variables = variables.ToDictionary(v => v.Key, v => v.Value) });
            return this;
        }

        /// <summary>A method with a Lambda proxy integration (type AWS_PROXY unless given).</summary>
        public TestApi Method(string path, string verb, string uri, string type = "AWS_PROXY", string? credentials = null, string? authorizerId = null)
        {
            var resource = _resources.FirstOrDefault(r => r.Path == path);
            if (resource == null)
            {
                resource = new ApiResource { Id = "r" + _resources.Count, Path = path, Methods = new List<ApiMethod>() };
                _resources.Add(resource);
            }

            ((List<ApiMethod>)resource.Methods).Add(new ApiMethod
            {
                HttpMethod = verb,
                AuthorizationType = authorizerId == null ? "NONE" : "CUSTOM",
                AuthorizerId = authorizerId,
                Integration = new ApiIntegration { Type = type, Uri = uri, Credentials = credentials, HttpMethod = "POST" },
            });
            return this;
        }

        public TestApi Authorizer(string id, string name, string uri, string type = "TOKEN", string? credentials = null)
        {
            _authorizers.Add(new ApiAuthorizer { Id = id, Name = name, Type = type, AuthorizerUri = uri, AuthorizerCredentials = credentials });
            return this;
        }

        public ApiSnapshot Build() => new()
        {
            Api = new RestApiSummary(Id, "pets-api"),
            AccountId = Account,
            Region = _region,
            Partition = _partition,
            Resources = _resources,
            Authorizers = _authorizers,
            Stages = _stages.Count == 0 ? new[] { new ApiStage { StageName = "prod" } } : _stages,
        };
    }
}

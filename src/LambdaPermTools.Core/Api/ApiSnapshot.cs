using System.Collections.Generic;

namespace LambdaPermTools.Api
{
    // What the core needs to know about one REST API, as read from API Gateway's control plane
    // (GetResources?embed=methods, GetAuthorizers, GetStages). Plain data: the AWS layer fills it.

    /// <summary>A REST API's identity (GetRestApis item).</summary>
    public sealed class RestApiSummary
    {
        public RestApiSummary(string id, string name)
        {
            Id = id;
            Name = name;
        }

        public string Id { get; }
        public string Name { get; }
    }

    /// <summary>An integration as configured on a method (methodIntegration).</summary>
    public sealed class ApiIntegration
    {
        public string Type { get; set; } = "";
        public string? Uri { get; set; }
        public string? Credentials { get; set; }
        public string? HttpMethod { get; set; }
    }

    /// <summary>A method of a resource (resourceMethods entry).</summary>
    public sealed class ApiMethod
    {
        public string HttpMethod { get; set; } = "";
        public string? AuthorizationType { get; set; }
        public string? AuthorizerId { get; set; }
        public ApiIntegration? Integration { get; set; }
    }

    /// <summary>A resource with its embedded methods.</summary>
    public sealed class ApiResource
    {
        public string Id { get; set; } = "";
        /// <summary>The template path, e.g. "/pets/{id}"; "/" for the root.</summary>
        public string Path { get; set; } = "";
        public IReadOnlyList<ApiMethod> Methods { get; set; } = new ApiMethod[0];
    }

    /// <summary>An authorizer (GetAuthorizers item).</summary>
    public sealed class ApiAuthorizer
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        /// <summary>TOKEN, REQUEST or COGNITO_USER_POOLS.</summary>
        public string Type { get; set; } = "";
        public string? AuthorizerUri { get; set; }
        public string? AuthorizerCredentials { get; set; }
    }

    /// <summary>A stage (GetStages item).</summary>
    public sealed class ApiStage
    {
        public string StageName { get; set; } = "";
        public string? DeploymentId { get; set; }
        public IReadOnlyDictionary<string, string> Variables { get; set; } = new Dictionary<string, string>();
    }

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
    }
}

using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Aws.Http;
using LambdaPermTools.Aws.Ports;

namespace LambdaPermTools.Aws.Clients
{
    /// <summary>Lambda control plane in one region (docs/aws-rules.md §6.2), each operation paced to its own published quota.</summary>
    internal sealed class LambdaClient : ILambdaPort
    {
        private const string ApiVersion = "2015-03-31";
        private readonly ServiceCaller _caller;

        public LambdaClient(ServiceCaller caller) => _caller = caller;

        public async Task<LambdaPolicy> GetPolicyAsync(string functionName, string? qualifier, CancellationToken cancellationToken)
        {
            var request = new AwsRequest("GetPolicy", HttpMethod.Get, ApiVersion, "functions", functionName, "policy").WithQuery("Qualifier", qualifier);
            var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            // "Policy" is a JSON document inside a JSON string.
            return ResponseReader.Json(_caller, "GetPolicy", response, root => new LambdaPolicy(root.Required("Policy"), root.Str("RevisionId")));
        }

        public async Task<string> AddPermissionAsync(AddPermissionRequest add, CancellationToken cancellationToken)
        {
            var body = new Dictionary<string, string> { ["StatementId"] = add.StatementId, ["Action"] = add.Action, ["Principal"] = add.Principal };
            if (!string.IsNullOrEmpty(add.SourceArn))
            {
                body["SourceArn"] = add.SourceArn;
            }

            if (add.SourceAccount != null)
            {
                body["SourceAccount"] = add.SourceAccount;
            }

            if (add.RevisionId != null)
            {
                body["RevisionId"] = add.RevisionId;
            }

            var request = new AwsRequest("AddPermission", HttpMethod.Post, ApiVersion, "functions", add.FunctionName, "policy")
                .WithQuery("Qualifier", add.Qualifier)
                .WithBody(JsonSerializer.Serialize(body), "application/json");
            var response = await SendAsync(request, cancellationToken).ConfigureAwait(false); // 201
            return ResponseReader.Json(_caller, "AddPermission", response, root => root.Required("Statement"));
        }

        public async Task<bool> FunctionExistsAsync(string functionName, string? qualifier, CancellationToken cancellationToken)
        {
            // GetFunction with Qualifier: 404 for a missing function, version or alias (GetAlias semantics for an alias).
            var request = new AwsRequest("GetFunction", HttpMethod.Get, ApiVersion, "functions", functionName).WithQuery("Qualifier", qualifier);
            try
            {
                await SendAsync(request, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (AwsServiceException ex) when (ex.Kind == AwsErrorKind.NotFound)
            {
                return false;
            }
        }

        private Task<AwsResponse> SendAsync(AwsRequest request, CancellationToken cancellationToken)
        {
            request.Accept = "application/json";
            return _caller.SendAsync(request.Paced(RateLimiterRegistry.LambdaBucketFor(request.Operation)), cancellationToken);
        }
    }
}

using System.Collections.Generic;
using System.Globalization;
using System.Linq;
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

        public async Task<string?> GetRevisionIdAsync(string functionName, string? qualifier, CancellationToken cancellationToken)
        {
            // An alias's RevisionId is GetAlias's; GetFunction's Configuration.RevisionId is that of the function or version.
            if (qualifier != null && !IsVersion(qualifier))
            {
                var alias = await SendAsync(new AwsRequest("GetAlias", HttpMethod.Get, ApiVersion, "functions", functionName, "aliases", qualifier), cancellationToken).ConfigureAwait(false);
                return ResponseReader.Json(_caller, "GetAlias", alias, root => root.Str("RevisionId"));
            }

            var request = new AwsRequest("GetFunction", HttpMethod.Get, ApiVersion, "functions", functionName).WithQuery("Qualifier", qualifier);
            var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            return ResponseReader.Json(_caller, "GetFunction", response,
                root => root.TryGetProperty("Configuration", out var configuration) && configuration.ValueKind == JsonValueKind.Object ? configuration.Str("RevisionId") : null);
        }

        public async Task<IReadOnlyList<string>> ListVersionsAsync(string functionName, CancellationToken cancellationToken)
        {
            var versions = await ReadListAsync("ListVersionsByFunction", new[] { "functions", functionName, "versions" }, "Versions",
                v => v.Required("Version"), v => v, cancellationToken).ConfigureAwait(false);
            return versions.Where(IsVersion).ToList();
        }

        /// <summary>Published versions are numbers; $LATEST and alias names are not.</summary>
        private static bool IsVersion(string qualifier) => qualifier.Length > 0 && qualifier.All(char.IsDigit);

        public Task<IReadOnlyList<string>> ListFunctionsAsync(CancellationToken cancellationToken) =>
            ReadListAsync("ListFunctions", new[] { "functions" }, "Functions", f => f.Required("FunctionArn"), f => f, cancellationToken);

        public Task<IReadOnlyList<LambdaAlias>> ListAliasesAsync(string functionName, CancellationToken cancellationToken) =>
            ReadListAsync("ListAliases", new[] { "functions", functionName, "aliases" }, "Aliases",
                a => new LambdaAlias(a.Required("Name"), a.Str("FunctionVersion") ?? ""), a => a.Name, cancellationToken);

        public async Task RemovePermissionAsync(string functionName, string? qualifier, string statementId, string? revisionId, CancellationToken cancellationToken)
        {
            var request = new AwsRequest("RemovePermission", HttpMethod.Delete, ApiVersion, "functions", functionName, "policy", statementId)
                .WithQuery("Qualifier", qualifier)
                .WithQuery("RevisionId", revisionId);
            await SendAsync(request, cancellationToken).ConfigureAwait(false); // 204
        }

        /// <summary>Lambda's listings: Marker in, NextMarker out, at most 50 items a page (BC:lambda ListFunctions, ListAliases).</summary>
        private Task<IReadOnlyList<T>> ReadListAsync<T>(string operation, string[] path, string itemsName, System.Func<JsonElement, T> readItem,
            System.Func<T, string> key, CancellationToken cancellationToken) =>
            Pager.ReadAllAsync(_caller, operation, key, async (marker, ct) =>
            {
                var segments = new[] { ApiVersion }.Concat(path).ToArray();
                var request = new AwsRequest(operation, HttpMethod.Get, segments)
                    .WithQuery("Marker", marker)
                    .WithQuery("MaxItems", 50.ToString(CultureInfo.InvariantCulture));
                var response = await SendAsync(request, ct).ConfigureAwait(false);
                return ResponseReader.Json(_caller, operation, response,
                    root => new Page<T>(root.Array(itemsName).Select(readItem).ToList(), root.Str("NextMarker"), response.Bytes.Length));
            }, cancellationToken);

        private Task<AwsResponse> SendAsync(AwsRequest request, CancellationToken cancellationToken)
        {
            request.Accept = "application/json";
            return _caller.SendAsync(request.Paced(RateLimiterRegistry.LambdaBucketFor(request.Operation)), cancellationToken);
        }
    }
}

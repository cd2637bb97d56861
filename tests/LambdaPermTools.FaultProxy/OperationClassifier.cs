using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace LambdaPermTools.FaultProxy
{
    /// <summary>
    /// Names the AWS operation of a request from its method, path, SigV4 credential scope and (Query protocol) form body,
    /// the way the service's REST routes do (docs/aws-rules.md §6.1–6.3).
    /// </summary>
    public static class OperationClassifier
    {
        private sealed record Route(string Service, string Method, string[] Pattern, string Name, string? QueryFlag = null);

        // Path patterns after the leading "/": "*" is one segment (an id, a name, an ARN).
        private static readonly Route[] Routes =
        {
            new("apigateway", "GET", Split("restapis"), "GetRestApis"),
            new("apigateway", "POST", Split("restapis"), "ImportRestApi", "mode=import"),
            new("apigateway", "POST", Split("restapis"), "CreateRestApi"),
            new("apigateway", "GET", Split("restapis/*"), "GetRestApi"),
            new("apigateway", "PUT", Split("restapis/*"), "PutRestApi"),
            new("apigateway", "DELETE", Split("restapis/*"), "DeleteRestApi"),
            new("apigateway", "GET", Split("restapis/*/resources"), "GetResources"),
            new("apigateway", "GET", Split("restapis/*/resources/*"), "GetResource"),
            new("apigateway", "GET", Split("restapis/*/resources/*/methods/*"), "GetMethod"),
            new("apigateway", "POST", Split("restapis/*/resources/*/methods/*"), "TestInvokeMethod"),
            new("apigateway", "GET", Split("restapis/*/resources/*/methods/*/integration"), "GetIntegration"),
            new("apigateway", "GET", Split("restapis/*/authorizers"), "GetAuthorizers"),
            new("apigateway", "GET", Split("restapis/*/authorizers/*"), "GetAuthorizer"),
            new("apigateway", "POST", Split("restapis/*/authorizers/*"), "TestInvokeAuthorizer"),
            new("apigateway", "GET", Split("restapis/*/stages"), "GetStages"),
            new("apigateway", "GET", Split("restapis/*/stages/*"), "GetStage"),
            new("apigateway", "GET", Split("restapis/*/stages/*/exports/*"), "GetExport"),
            new("apigateway", "GET", Split("restapis/*/deployments"), "GetDeployments"),
            new("apigateway", "POST", Split("restapis/*/deployments"), "CreateDeployment"),
            new("apigateway", "GET", Split("restapis/*/deployments/*"), "GetDeployment"),
            new("lambda", "GET", Split("2015-03-31/functions"), "ListFunctions"),
            new("lambda", "POST", Split("2015-03-31/functions"), "CreateFunction"),
            new("lambda", "GET", Split("2015-03-31/functions/*"), "GetFunction"),
            new("lambda", "GET", Split("2015-03-31/functions/*/configuration"), "GetFunctionConfiguration"),
            new("lambda", "GET", Split("2015-03-31/functions/*/policy"), "GetPolicy"),
            new("lambda", "POST", Split("2015-03-31/functions/*/policy"), "AddPermission"),
            new("lambda", "DELETE", Split("2015-03-31/functions/*/policy/*"), "RemovePermission"),
            new("lambda", "GET", Split("2015-03-31/functions/*/aliases"), "ListAliases"),
            new("lambda", "POST", Split("2015-03-31/functions/*/aliases"), "CreateAlias"),
            new("lambda", "GET", Split("2015-03-31/functions/*/aliases/*"), "GetAlias"),
            new("lambda", "GET", Split("2015-03-31/functions/*/versions"), "ListVersionsByFunction"),
            new("lambda", "POST", Split("2015-03-31/functions/*/versions"), "PublishVersion"),
        };

        private static readonly Regex CredentialScope = new(
            @"Credential=(?<key>[^/,\s]+)/\d{8}/(?<region>[^/]+)/(?<service>[^/]+)/aws4_request",
            RegexOptions.CultureInvariant | RegexOptions.Compiled);

        private static readonly Regex QueryAction = new(@"(?:^|&)Action=(?<action>[A-Za-z0-9]+)", RegexOptions.CultureInvariant | RegexOptions.Compiled);

        /// <param name="method">HTTP method.</param>
        /// <param name="rawTarget">Path and query as sent (still percent-encoded).</param>
        /// <param name="authorization">The Authorization header, or null.</param>
        /// <param name="formBody">The body when it is form-encoded (IAM/STS Query protocol), else null.</param>
        public static AwsOperation Classify(string method, string rawTarget, string? authorization, string? formBody)
        {
            var queryStart = rawTarget.IndexOf('?');
            var path = queryStart < 0 ? rawTarget : rawTarget.Substring(0, queryStart);
            var query = queryStart < 0 ? "" : rawTarget.Substring(queryStart + 1);
            var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);

            var scope = authorization is null ? null : CredentialScope.Match(authorization);
            var signedService = scope is { Success: true } ? scope.Groups["service"].Value : null;
            var holder = scope is { Success: true } ? scope.Groups["key"].Value + "/" + scope.Groups["region"].Value : "unsigned";

            var route = Routes.FirstOrDefault(r =>
                (signedService is null || signedService == r.Service)
                && string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase)
                && Matches(r.Pattern, segments)
                && (r.QueryFlag is null || query.Split('&').Contains(r.QueryFlag)));
            if (route is not null)
            {
                return new AwsOperation(route.Service, route.Name, holder);
            }

            var action = QueryAction.Match(query.Length > 0 ? query : formBody ?? "");
            if (segments.Length == 0 && action.Success)
            {
                var actionName = action.Groups["action"].Value;
                var service = signedService ?? (actionName.StartsWith("GetCallerIdentity", StringComparison.Ordinal) || actionName.StartsWith("AssumeRole", StringComparison.Ordinal) ? "sts" : "iam");
                return new AwsOperation(service, actionName, holder);
            }

            return new AwsOperation(signedService ?? GuessService(segments), method.ToUpperInvariant() + " /" + Template(segments), holder);
        }

        private static string[] Split(string pattern) => pattern.Split('/');

        private static bool Matches(string[] pattern, string[] segments) =>
            pattern.Length == segments.Length && pattern.Zip(segments).All(p => p.First == "*" || p.First == p.Second);

        private static string GuessService(string[] segments) =>
            segments.Length > 0 && segments[0] == "restapis" ? "apigateway"
            : segments.Length > 0 && Regex.IsMatch(segments[0], @"^\d{4}-\d{2}-\d{2}$") ? "lambda"
            : "other";

        // Unknown routes are counted by shape: collection names stay, ids become "{id}".
        private static string Template(IReadOnlyList<string> segments)
        {
            var offset = segments.Count > 0 && Regex.IsMatch(segments[0], @"^\d{4}-\d{2}-\d{2}$") ? 1 : 0;
            return string.Join("/", segments.Select((s, i) => i >= offset && (i - offset) % 2 == 1 ? "{id}" : s));
        }
    }
}

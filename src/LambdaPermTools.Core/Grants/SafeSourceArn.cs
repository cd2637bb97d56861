using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using LambdaPermTools.Arns;

namespace LambdaPermTools.Grants
{
    /// <summary>
    /// The one rule for what a grant may name (issue 18): a literal API id, a literal region of the function's partition, a
    /// 12-digit account, and the stage/method/path pattern of a scope with literal segments of API Gateway's characters.
    /// A grant is derived from the target's parts (<see cref="CheckTarget"/>) and its SourceArn is checked again just before
    /// AddPermission (<see cref="CheckSourceArn"/>): an edited finding never turns into a grant wider than one API.
    /// </summary>
    public static class SafeSourceArn
    {
        /// <summary>The methods API Gateway has (PutMethod); ANY is granted as '*' (docs/aws-rules.md §1.3).</summary>
        public static readonly IReadOnlyList<string> HttpMethods = new[] { "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "ANY" };

        // API Gateway issues 10 lower-case letters and digits for an API and 6 for an authorizer; shorter ids (test
        // doubles, emulators) are still literal and name one API, so the length is capped, not pinned.
        private static readonly Regex Id = new Regex("^[a-z0-9]{1,10}$", RegexOptions.CultureInvariant);

        // Stage names: letters, digits, '-' and '_' (API Gateway CreateStage), at most 128; and an HTTP API's '$default' stage.
        private static readonly Regex Stage = new Regex(@"^([A-Za-z0-9_-]{1,128}|\$default)$", RegexOptions.CultureInvariant);

        // A route key without a method (an HTTP API's $default, a WebSocket route): literal, so that it names one route; '*',
        // '?' and '/' would widen or shift the ARN. Keys of other characters are refused rather than guessed safe.
        private static readonly Regex RouteKey = new Regex(@"^\$?[A-Za-z0-9._-]{1,128}$", RegexOptions.CultureInvariant);

        // A path part: "only a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the
        // closing brace" (API Gateway's CreateResource message). '.' and '..' alone are refused: they read as an escape.
        private static readonly Regex LiteralSegment = new Regex("^[A-Za-z0-9._-]+$", RegexOptions.CultureInvariant);
        private static readonly Regex ParameterSegment = new Regex(@"^\{[A-Za-z0-9._-]+\+?\}$", RegexOptions.CultureInvariant);

        // The regions of each partition (the AWS SDKs' partitions.json regionRegex, with letters for the middle word).
        private static readonly IReadOnlyDictionary<string, Regex> Regions = new Dictionary<string, Regex>(StringComparer.Ordinal)
        {
            ["aws"] = Region("(us|eu|ap|sa|ca|me|af|il|mx)"),
            ["aws-cn"] = Region("cn"),
            ["aws-us-gov"] = Region("us-gov"),
            ["aws-iso"] = Region("us-iso"),
            ["aws-iso-b"] = Region("us-isob"),
            ["aws-iso-e"] = Region("eu-isoe"),
            ["aws-iso-f"] = Region("us-isof"),
            ["aws-eusc"] = Region("eusc-de"),
        };

        /// <summary>The first part of <paramref name="target"/> a grant may not be built from, or null when all are literal and of AWS's shape.</summary>
        public static GrantRefusal? CheckTarget(IntegrationTarget target)
        {
            var function = ArnPattern.SplitComponents(target.FunctionName);
            if (function == null || function[2] != "lambda" || !Regions.ContainsKey(function[1]))
            {
                return new GrantRefusal(nameof(target.FunctionName), target.FunctionName, "is not a Lambda function ARN of an AWS partition.");
            }

            var refusal = CheckApi(function[1], target.Region, target.ApiAccountId, target.GrantApiId, target.GrantApiIdField)
                ?? Check(nameof(target.StageName), target.StageName, Stage, "is not a stage name (letters, digits, '-' and '_', or '$default').");
            if (refusal != null || target.Kind == TargetKind.Authorizer)
            {
                return refusal ?? Check(nameof(target.AuthorizerId), target.AuthorizerId, Id, "is not an authorizer id (lower-case letters and digits).");
            }

            // An HTTP API's $default route and every WebSocket route: the route key takes the place of method and path (§8).
            if (target.ApiType != ApiType.Rest && target.HttpMethod.Length == 0)
            {
                return Check(nameof(target.RouteKey), target.RouteKey, RouteKey, "is not a literal route key (letters, digits, '.', '_', '-', after an optional '$').");
            }

            return HttpMethods.Contains(target.HttpMethod.ToUpperInvariant())
                ? CheckPath(target.ResourcePath)
                : new GrantRefusal(nameof(target.HttpMethod), target.HttpMethod, $"is not an API Gateway method ({string.Join(", ", HttpMethods)}).");
        }

        /// <summary>
        /// Null when <paramref name="sourceArn"/> is <c>arn:{partition}:execute-api:{region}:{account}:{api}/</c> followed by
        /// <c>*</c>, <c>authorizers/{id}</c>, <c>{stage or *}/{METHOD or *}/{path}</c> (path segments literal or <c>*</c>) or, for HTTP and
        /// WebSocket APIs, <c>{stage or *}/{routeKey}</c> (a literal route key); else the field at fault.
        /// </summary>
        public static GrantRefusal? CheckSourceArn(string sourceArn)
        {
            var parts = ArnPattern.SplitComponents(sourceArn);
            if (parts == null || parts[0] != "arn" || parts[2] != "execute-api" || !Regions.ContainsKey(parts[1]))
            {
                return new GrantRefusal("SourceArn", sourceArn, "is not an execute-api ARN of an AWS partition.");
            }

            var resource = parts[5].Split('/');
            var refusal = CheckApi(parts[1], parts[3], parts[4], resource[0], "RestApiId");
            if (refusal != null)
            {
                return refusal;
            }

            if (resource.Length == 2 && resource[1] == "*")
            {
                return null;
            }

            if (resource.Length == 3 && resource[1] == "authorizers")
            {
                return Check("AuthorizerId", resource[2], Id, "is not an authorizer id (lower-case letters and digits).");
            }

            var routeKey = resource.Length == 3 && RouteKey.IsMatch(resource[2]);
            if (resource.Length < 4 && !routeKey)
            {
                return new GrantRefusal("SourceArn", sourceArn, "names neither the whole API ('/*'), an authorizer, a stage, method and path, nor a stage and route key.");
            }

            if (resource[1] != "*" && !Stage.IsMatch(resource[1]))
            {
                return new GrantRefusal("StageName", resource[1], "is neither '*' nor a stage name.");
            }

            if (routeKey)
            {
                return null;
            }

            if (resource[2] != "*" && (resource[2] == "ANY" || !HttpMethods.Contains(resource[2])))
            {
                return new GrantRefusal("HttpMethod", resource[2], "is neither '*' nor an upper-case API Gateway method other than ANY.");
            }

            var path = resource.Skip(3).ToList();
            var root = path.Count == 1 && path[0].Length == 0;
            var bad = root ? null : path.FirstOrDefault(s => s != "*" && !IsLiteral(s));
            return bad == null ? null : new GrantRefusal("ResourcePath", "/" + string.Join("/", path), $"has the segment '{bad}', which is neither '*' nor literal.");
        }

        private static GrantRefusal? CheckApi(string partition, string region, string account, string apiId, string apiIdField) =>
            (Regions[partition].IsMatch(region) ? null : new GrantRefusal("Region", region, $"is not a region of partition '{partition}'."))
            ?? (ArnSyntax.IsAccountId(account) ? null : new GrantRefusal("ApiAccountId", account, "is not a 12-digit account id."))
            ?? Check(apiIdField, apiId, Id, "is not an API id (lower-case letters and digits, such as 'a1b2c3d4e5').");

        /// <summary>A resource template: '/' or '/'-separated literal and {param} segments, nothing empty and no '.' or '..'.</summary>
        private static GrantRefusal? CheckPath(string path)
        {
            if (path == "/")
            {
                return null;
            }

            var segments = path.StartsWith("/", StringComparison.Ordinal) ? path.Substring(1).Split('/') : null;
            var bad = segments == null ? path : segments.FirstOrDefault(s => !IsLiteral(s) && !ParameterSegment.IsMatch(s));
            return bad == null ? null : new GrantRefusal("ResourcePath", path, $"has the segment '{bad}', which is not an API Gateway path part.");
        }

        private static bool IsLiteral(string segment) => segment != "." && segment != ".." && LiteralSegment.IsMatch(segment);

        private static GrantRefusal? Check(string field, string value, Regex shape, string problem) =>
            shape.IsMatch(value) ? null : new GrantRefusal(field, value, problem);

        private static Regex Region(string prefix) => new Regex($"^{prefix}-[a-z]+-[0-9]+$", RegexOptions.CultureInvariant);
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using LambdaPermTools.Arns;

namespace LambdaPermTools.Policies
{
    /// <summary>
    /// Explains why an AWS:SourceArn pattern does not match the presented execute-api ARN, component by component
    /// and, inside the resource, segment by segment (API id, stage, method, path, authorizer form).
    /// Only called after ArnLike said no; the segment view is for people, ArnLike stays the judge.
    /// </summary>
    internal static class SourceArnDiff
    {
        private const string Authorizers = "authorizers";

        public static IReadOnlyList<Difference> Explain(string pattern, string presented)
        {
            var p = ArnPattern.SplitComponents(pattern);
            var v = ArnPattern.SplitComponents(presented);
            if (p == null || v == null)
            {
                return new[] { new Difference(DifferencePart.SourceArnShape, $"the source ARN ('{pattern}' is not a complete six-part ARN, so it never matches)") };
            }

            var differences = new List<Difference>();
            Compare(differences, DifferencePart.Partition, "partition", p[1], v[1]);
            if (!Glob.IsMatch(p[2], v[2], ignoreCase: false))
            {
                // Another service's ARN (often the API's own 'apigateway' ARN): its other parts do not line up with these.
                differences.Add(new Difference(DifferencePart.Service,
                    $"the service (it allows '{p[2]}', this is '{v[2]}'; the source ARN has the form 'arn:{v[1]}:execute-api:{{region}}:{{account}}:{{apiId}}/{{stage}}/{{METHOD}}/{{path}}')"));
                return differences;
            }

            Compare(differences, DifferencePart.Region, "region", p[3], v[3], " (the function's region)");
            Compare(differences, DifferencePart.Account, "account", p[4], v[4], " (the API owner's account)");
            if (!Glob.IsMatch(p[5], v[5], ignoreCase: false))
            {
                ExplainResource(differences, p[5].Split('/'), v[5].Split('/'));
            }

            if (differences.Count == 0)
            {
                differences.Add(new Difference(DifferencePart.SourceArnShape, $"the source ARN (the pattern '{pattern}' does not match '{presented}')"));
            }

            return differences;
        }

        private static void ExplainResource(List<Difference> differences, string[] pattern, string[] presented)
        {
            Compare(differences, DifferencePart.ApiId, "API id", pattern[0], presented[0], " (this API)");
            if (pattern.Length == 1)
            {
                differences.Add(new Difference(DifferencePart.SourceArnShape, $"the source ARN (it ends at the API id '{pattern[0]}' with no '/…' part, so it never matches; '{{apiId}}/*' is the API-wide form)"));
                return;
            }

            var patternIsAuthorizer = pattern.Length == 3 && pattern[1] == Authorizers;
            var presentedIsAuthorizer = presented.Length == 3 && presented[1] == Authorizers;
            if (presentedIsAuthorizer)
            {
                var presentedForm = $"'authorizers/{presented[2]}'";
                if (patternIsAuthorizer)
                {
                    Compare(differences, DifferencePart.AuthorizerId, "authorizer id", pattern[2], presented[2], $" (this authorizer presents {presentedForm})");
                }
                else if (pattern[1] == Authorizers)
                {
                    differences.Add(new Difference(DifferencePart.AuthorizerId, $"the authorizer ARN (it allows '{Rest(pattern, 1)}', this authorizer presents exactly {presentedForm})"));
                }
                else
                {
                    differences.Add(new Difference(DifferencePart.AuthorizerForm,
                        $"the authorizer form (it allows the method-style '{Rest(pattern, 1)}', an authorizer presents 'authorizers/{presented[2]}')"));
                }

                return;
            }

            if (patternIsAuthorizer)
            {
                differences.Add(new Difference(DifferencePart.AuthorizerForm,
                    $"the authorizer form (it allows the authorizer ARN 'authorizers/{pattern[2]}', this method integration presents '{Rest(presented, 1)}')"));
                return;
            }

            // Only v2 routes present three segments: {api}/{stage}/{routeKey} ($default, WebSocket keys; docs/aws-rules.md §8).
            if (presented.Length == 3)
            {
                ExplainRouteKey(differences, pattern, presented);
                return;
            }

            ExplainMethod(differences, pattern, presented);
        }

        private static void ExplainRouteKey(List<Difference> differences, string[] pattern, string[] presented)
        {
            var routeKey = presented[2];
            if (pattern.Length == 4 && Glob.IsMatch(pattern[1], presented[1], ignoreCase: false) && Glob.IsMatch(pattern[3], routeKey, ignoreCase: false))
            {
                differences.Add(new Difference(DifferencePart.SourceArnShape,
                    $"the source ARN (it has a method segment '{pattern[2]}', but the route '{routeKey}' presents '{{apiId}}/{{stage}}/{routeKey}' with none, so a '{{apiId}}/*/*/{routeKey}' form never matches it; the any-stage form is '{{apiId}}/*/{routeKey}')"));
                return;
            }

            Compare(differences, DifferencePart.Stage, "stage", pattern[1], presented[1], StageNote(pattern[1], presented[1]));
            if (pattern.Length == 2)
            {
                differences.Add(new Difference(DifferencePart.SourceArnShape, $"the source ARN (it stops after the stage '{pattern[1]}', so no route matches)"));
                return;
            }

            var allowed = Rest(pattern, 2);
            if (pattern.Length > 3 && !Glob.IsMatch(allowed, routeKey, ignoreCase: false))
            {
                // A method-and-path pattern for a route that presents only its key: a different shape, not a near miss.
                differences.Add(new Difference(DifferencePart.SourceArnShape,
                    $"the source ARN (it allows the method-and-path form '{allowed}', the route '{routeKey}' presents only its key after the stage)"));
                return;
            }

            Compare(differences, DifferencePart.Method, "route key", allowed, routeKey, " (the route presents its key after the stage, with no method segment)");
        }

        // presented = [api, stage, METHOD, path segments...] (root: [api, stage, METHOD, ""]).
        private static void ExplainMethod(List<Difference> differences, string[] pattern, string[] presented)
        {
            if (SpansRest(pattern, 1))
            {
                return;
            }

            var extra = ExtraSegmentBeforePath(pattern, presented);
            if (extra != null)
            {
                differences.Add(new Difference(DifferencePart.SourceArnShape,
                    $"the source ARN (it has one segment too many before the path: without '{extra}' it would match; the form is '{{apiId}}/{{stage}}/{{METHOD}}/{{path}}', and a '/*/…' suffix appended to a stage's execution ARN gives this)"));
                return;
            }

            Compare(differences, DifferencePart.Stage, "stage", pattern[1], presented[1], StageNote(pattern[1], presented[1]));
            if (pattern.Length == 2)
            {
                differences.Add(new Difference(DifferencePart.SourceArnShape, $"the source ARN (it stops after the stage '{pattern[1]}', so no method matches)"));
                return;
            }

            if (SpansRest(pattern, 2))
            {
                return;
            }

            var method = presented[2];
            Compare(differences, DifferencePart.Method, "method", pattern[2], method, method == "ANY" ? " (an ANY method presents the literal ANY, so only 'ANY' or '*' covers it)" : "");
            var patternPath = "/" + Rest(pattern, 3);
            var presentedPath = "/" + Rest(presented, 3);
            if (pattern.Length == 3)
            {
                differences.Add(new Difference(DifferencePart.SourceArnShape, $"the source ARN (it stops after the method with no '/', so even the root resource, '…/{method}/', does not match)"));
            }
            else if (!Glob.IsMatch(patternPath, presentedPath, ignoreCase: false))
            {
                differences.Add(ExplainPath(patternPath, presentedPath));
            }
        }

        private static string StageNote(string patternStage, string presentedStage) =>
            presentedStage == ExecuteApiArn.TestInvokeStage ? " (the console's Test button)"
            : patternStage.Length == 0 ? "; the pattern has '//' after the API id, as when '/…' is appended to an execution ARN that already ends in '/'"
            : "";

        // The stage or method position holds one segment too many: dropped, every other segment matches its
        // counterpart (e.g. '{api}/prod/*/GET/pets/*' for 'prod/GET/pets/{id}').
        private static string? ExtraSegmentBeforePath(string[] pattern, string[] presented)
        {
            if (pattern.Length != presented.Length + 1)
            {
                return null;
            }

            foreach (var index in new[] { 1, 2 })
            {
                var rest = pattern.Where((_, i) => i != index);
                if (rest.Zip(presented, (p, v) => Glob.IsMatch(p, v, ignoreCase: false)).All(same => same))
                {
                    return pattern[index];
                }
            }

            return null;
        }

        private static Difference ExplainPath(string patternPath, string presentedPath)
        {
            if (patternPath.Length > 1 && patternPath.EndsWith("/", StringComparison.Ordinal) && Glob.IsMatch(patternPath.TrimEnd('/'), presentedPath, ignoreCase: false))
            {
                return new Difference(DifferencePart.TrailingSlash, $"a trailing slash (it allows '{patternPath}', the resource is '{presentedPath}'; API Gateway paths have no trailing slash)");
            }

            var where = presentedPath == "/" ? "the root resource, which presents an empty path" : $"the resource template '{presentedPath}'";
            var parameters = SameShapeOtherParameterNames(patternPath, presentedPath)
                ? "; path parameters must be written exactly as in the template, or as '*'"
                : "";
            return new Difference(DifferencePart.Path, $"the path (it allows '{patternPath}', this is {where}{parameters})");
        }

        private static bool SameShapeOtherParameterNames(string patternPath, string presentedPath)
        {
            var a = patternPath.Split('/');
            var b = presentedPath.Split('/');
            return a.Length == b.Length && a.Zip(b, (x, y) => x == y || (IsParameter(x) && IsParameter(y))).All(same => same);
        }

        private static bool IsParameter(string segment) => segment.Length > 2 && segment[0] == '{' && segment[segment.Length - 1] == '}';

        // A final pattern segment with '*' may cover every remaining presented segment.
        private static bool SpansRest(string[] pattern, int index) => pattern.Length == index + 1 && pattern[index].IndexOf('*') >= 0;

        private static string Rest(string[] segments, int from) => string.Join("/", segments.Skip(from));

        private static void Compare(List<Difference> differences, DifferencePart part, string name, string pattern, string value, string note = "")
        {
            if (Glob.IsMatch(pattern, value, ignoreCase: false))
            {
                return;
            }

            var caseOnly = string.Equals(pattern, value, StringComparison.OrdinalIgnoreCase) ? "; ARN matching is case-sensitive" : "";
            differences.Add(new Difference(part, $"the {name} (it allows '{pattern}', this is '{value}'{note}{caseOnly})"));
        }
    }
}

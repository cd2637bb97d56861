using System;
using System.Collections.Generic;
using System.Linq;
using LambdaPermTools.Apis;
using LambdaPermTools.Arns;

namespace LambdaPermTools.Targets
{
    /// <summary>
    /// Turns an API snapshot into one target per Lambda integration or authorizer per stage (docs/aws-rules.md §11 "Targets").
    /// Order: stages by name (ordinal), <c>test-invoke-stage</c> last; within a stage the method integrations by
    /// resource path then method (ordinal), then the Lambda authorizers by name then id.
    /// </summary>
    public static class TargetResolver
    {
        private static readonly IReadOnlyDictionary<string, string> NoVariables = new Dictionary<string, string>();

        public static IReadOnlyList<IntegrationTarget> Resolve(ApiSnapshot api, TargetSelection selection) => ResolveStages(api, selection).Targets;

        /// <summary>
        /// The targets of every selected stage, with the warnings a run writes: with <see cref="ApiConfiguration.Deployed"/>
        /// each stage is read from the deployment it serves (and its canary's), when the snapshot has it (docs/aws-rules.md §4.5);
        /// <c>test-invoke-stage</c> always from the current configuration, as the console's Test button runs it.
        /// </summary>
        public static TargetResolution ResolveStages(ApiSnapshot api, TargetSelection selection)
        {
            var result = new TargetResolution();
            var functions = new FunctionResolutions(api.AccountId);
            foreach (var stage in SelectStages(api, selection))
            {
                var current = ForConfiguration(api, functions, api.Resources, api.Authorizers, stage.StageName, stage.Variables);
                if (selection.Configuration == ApiConfiguration.Current || stage.StageName == ExecuteApiArn.TestInvokeStage || string.IsNullOrEmpty(stage.DeploymentId))
                {
                    result.Targets.AddRange(current);
                }
                else
                {
                    DeployedTargets.Add(api, functions, stage, current, result);
                }
            }

            return result;
        }

        /// <summary>One stage's targets of one configuration (the current one, or a deployment's), in the documented order.</summary>
        internal static List<IntegrationTarget> ForConfiguration(ApiSnapshot api, FunctionResolutions functions, IReadOnlyList<ApiResource> resources, IReadOnlyList<ApiAuthorizer> authorizers,
            string stageName, IReadOnlyDictionary<string, string> variables)
        {
            var methods = resources.OrderBy(r => r.Path, StringComparer.Ordinal)
                .SelectMany(r => r.Methods.OrderBy(m => m.HttpMethod, StringComparer.Ordinal).Select(m => new MethodRef(r, m)))
                .ToList();
            var lambdaAuthorizers = authorizers.Where(IsLambdaAuthorizer)
                .OrderBy(a => a.Name, StringComparer.Ordinal).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();

            var targets = new List<IntegrationTarget>();
            var context = new StageContext(api, functions, authorizers, stageName, variables);
            foreach (var method in methods)
            {
                if (IsLambdaIntegration(method.Method.Integration, out var uri))
                {
                    targets.Add(ForMethod(context, method, uri!));
                }
            }

            if (stageName != ExecuteApiArn.TestInvokeStage)
            {
                targets.AddRange(lambdaAuthorizers.Select(a => ForAuthorizer(context, a, methods)));
            }

            return targets;
        }

        private static IEnumerable<ApiStage> SelectStages(ApiSnapshot api, TargetSelection selection)
        {
            var wanted = selection.StageNames;
            var stages = api.Stages
                .Where(s => wanted == null || wanted.Count == 0 || wanted.Contains(s.StageName))
                .OrderBy(s => s.StageName, StringComparer.Ordinal);

            // The console's Test button runs outside any stage, so no stage variables are defined there (§1.5).
            return selection.IncludeTestInvoke ? stages.Concat(new[] { new ApiStage { StageName = ExecuteApiArn.TestInvokeStage, Variables = NoVariables } }) : stages;
        }

        private static bool IsLambdaIntegration(ApiIntegration? integration, out LambdaUri? uri)
        {
            uri = null;
            return integration != null && (integration.Type == "AWS" || integration.Type == "AWS_PROXY") && LambdaUri.TryParse(integration.Uri, out uri);
        }

        private static bool IsLambdaAuthorizer(ApiAuthorizer authorizer) =>
            (authorizer.Type == "TOKEN" || authorizer.Type == "REQUEST") && LambdaUri.TryParse(authorizer.AuthorizerUri, out _);

        private static IntegrationTarget ForMethod(StageContext context, MethodRef method, LambdaUri uri)
        {
            var integration = method.Method.Integration!;
            var target = context.NewTarget(TargetKind.Integration, method, integration.Type, integration.Uri ?? "", integration.Credentials);
            var authorizer = UsedAuthorizer(method.Method, context.Authorizers);
            target.AuthorizerId = authorizer?.Id ?? (IsCustom(method.Method) ? method.Method.AuthorizerId ?? "" : "");
            target.AuthorizerName = authorizer?.Name ?? method.Method.AuthorizerName ?? "";
            context.ApplyFunction(target, uri);
            target.PresentedSourceArn = ExecuteApiArn.ForMethod(context.PrefixFor(target.Region), context.Api.Api.Id, context.StageName, method.Method.HttpMethod, method.Resource.Path);
            return target;
        }

        private static IntegrationTarget ForAuthorizer(StageContext context, ApiAuthorizer authorizer, IReadOnlyList<MethodRef> methods)
        {
            var firstUser = methods.FirstOrDefault(m => Uses(m.Method, authorizer));
            var target = context.NewTarget(TargetKind.Authorizer, firstUser, authorizer.Type, authorizer.AuthorizerUri ?? "", authorizer.AuthorizerCredentials);
            target.AuthorizerId = authorizer.Id;
            target.AuthorizerName = authorizer.Name;
            context.ApplyFunction(target, LambdaUri.Parse(authorizer.AuthorizerUri));
            // A deployed authorizer that the current configuration no longer names has no id to read: its ARN is unknown.
            target.PresentedSourceArn = authorizer.Id.Length == 0 ? "" : ExecuteApiArn.ForAuthorizer(context.PrefixFor(target.Region), context.Api.Api.Id, authorizer.Id);
            return target;
        }

        private static bool IsCustom(ApiMethod method) =>
            method.AuthorizationType == "CUSTOM" && (!string.IsNullOrEmpty(method.AuthorizerId) || !string.IsNullOrEmpty(method.AuthorizerName));

        /// <summary>By id; a method read from an export names its authorizer, whose id may be unknown.</summary>
        private static bool Uses(ApiMethod method, ApiAuthorizer authorizer) =>
            IsCustom(method) && (string.IsNullOrEmpty(method.AuthorizerId) ? method.AuthorizerName == authorizer.Name : method.AuthorizerId == authorizer.Id);

        private static ApiAuthorizer? UsedAuthorizer(ApiMethod method, IReadOnlyList<ApiAuthorizer> authorizers) => authorizers.FirstOrDefault(a => Uses(method, a));

        private sealed class MethodRef
        {
            public MethodRef(ApiResource resource, ApiMethod method)
            {
                Resource = resource;
                Method = method;
            }

            public ApiResource Resource { get; }
            public ApiMethod Method { get; }
        }

        /// <summary>What every target of one stage shares.</summary>
        private sealed class StageContext
        {
            private readonly IReadOnlyDictionary<string, string> _variables;
            private readonly FunctionResolutions _functions;

            public StageContext(ApiSnapshot api, FunctionResolutions functions, IReadOnlyList<ApiAuthorizer> authorizers, string stageName, IReadOnlyDictionary<string, string> variables)
            {
                Api = api;
                _functions = functions;
                Authorizers = authorizers;
                StageName = stageName;
                _variables = variables;
            }

            public ApiSnapshot Api { get; }
            public IReadOnlyList<ApiAuthorizer> Authorizers { get; }
            public string StageName { get; }

            public IntegrationTarget NewTarget(TargetKind kind, MethodRef? method, string type, string uri, string? credentials)
            {
                var unresolved = new List<string>();
                var target = new IntegrationTarget
                {
                    RestApiId = Api.Api.Id,
                    ApiId = Api.Api.Id,
                    ApiType = ApiType.Rest,
                    RestApiName = Api.Api.Name,
                    ApiAccountId = Api.AccountId,
                    ApiRegion = Api.Region,
                    StageName = StageName,
                    Kind = kind,
                    ResourceId = method?.Resource.Id ?? "",
                    ResourcePath = method?.Resource.Path ?? "",
                    HttpMethod = method?.Method.HttpMethod ?? "",
                    IntegrationType = type,
                    IntegrationUri = uri,
                    CredentialsArn = StageVariables.Substitute(credentials ?? "", _variables, unresolved),
                };
                target.UnresolvedVariables = unresolved.Count == 0 ? Array.Empty<string>() : unresolved.ToArray();
                return target;
            }

            public void ApplyFunction(IntegrationTarget target, LambdaUri uri) => _functions.For(uri, _variables).ApplyTo(target);

            public string PrefixFor(string functionRegion) => ExecuteApiArn.Prefix(Api.Partition, functionRegion, Api.AccountId);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using LambdaPermTools.Apis;
using LambdaPermTools.Arns;
using LambdaPermTools.Evaluation;
using LambdaPermTools.Grants;
using LambdaPermTools.Planning;
using LambdaPermTools.Policies;
using LambdaPermTools.Targets;

namespace LambdaPermTools.Templates
{
    /// <summary>
    /// Judges a template's model with the same engine as a live API: each REST API becomes an <see cref="ApiSnapshot"/>
    /// (stage "*" when the template declares none), each function's template grants one policy, and
    /// <see cref="PermissionEvaluator"/> decides. Then what the template cannot know turns a verdict into
    /// Unknown/UnresolvedTemplateValue: an unresolved value the target depends on, a credentials role (its policies are not
    /// evaluated offline), an unresolved grant that might apply, or a function declared elsewhere (its policy may hold
    /// grants the template does not show).
    /// </summary>
    internal static class TemplateEvaluator
    {
        private static readonly PermissionCause[] GrantCauses = { PermissionCause.NoPolicy, PermissionCause.NoMatchingStatement, PermissionCause.QualifierMismatch };

        public static List<PermissionFinding> Evaluate(TemplateModel model, ValueResolver resolver, string templatePath)
        {
            var certain = model.Grants.Where(g => g.FunctionName != null && g.Unresolved.Count == 0).ToList();
            var uncertain = model.Grants.Where(g => !certain.Contains(g)).ToList();
            var policies = new TemplatePolicies(certain, model.DeclaredFunctions);

            var findings = new List<PermissionFinding>();
            foreach (var api in model.Apis)
            {
                var origins = new Origins(api);
                var targets = TargetResolver.Resolve(Snapshot(api, resolver), new TargetSelection());
                var evidence = policies.EvidenceFor(targets);
                foreach (var target in targets)
                {
                    var finding = PermissionEvaluator.Evaluate(target, evidence);
                    Settle(finding, origins.Of(target), uncertain, certain, policies, () => DeploymentDependence.Explain(target, certain, policies, resolver));
                    finding.PermissionLogicalId = GrantingLogicalId(finding, certain);
                    var hint = Hint(finding, model, resolver);
                    findings.Add(Present(finding, origins.LogicalIdOf(target), origins.UriExpressionOf(target), templatePath, resolver.Symbols));
                    TemplateHint.Attach(finding, hint);
                }
            }

            return findings;
        }

        private static ApiSnapshot Snapshot(TemplateModel.Api api, ValueResolver resolver)
        {
            var stages = api.Stages.Count > 0
                ? api.Stages.Select(s => new ApiStage { StageName = s.Name, Variables = s.Variables }).ToList()
                : new List<ApiStage> { new ApiStage { StageName = "*" } };
            return new ApiSnapshot
            {
                Api = new RestApiSummary(api.Id, api.Name),
                AccountId = resolver.AccountId,
                Region = resolver.Region,
                Partition = resolver.Partition,
                Stages = stages,
                Resources = api.Methods.GroupBy(m => m.Path, StringComparer.Ordinal).Select(g => new ApiResource
                {
                    Id = g.Select(m => m.ResourceLogicalId).FirstOrDefault(id => id.Length > 0) ?? "",
                    Path = g.Key,
                    Methods = g.Select(m => new ApiMethod
                    {
                        HttpMethod = m.HttpMethod,
                        AuthorizationType = m.AuthorizationType,
                        AuthorizerId = m.AuthorizerId,
                        Integration = new ApiIntegration { Type = m.IntegrationType, Uri = m.Uri, Credentials = m.Credentials },
                    }).ToList(),
                }).ToList(),
                Authorizers = api.Authorizers.Select(a => new ApiAuthorizer { Id = a.Id, Name = a.Name, Type = a.Type, AuthorizerUri = a.Uri, AuthorizerCredentials = a.Credentials }).ToList(),
            };
        }

        /// <summary>Turns what the engine could decide into what the template lets anyone know.</summary>
        private static void Settle(PermissionFinding finding, List<UnresolvedValueException> unresolved, List<TemplateModel.Grant> uncertain, List<TemplateModel.Grant> certain, TemplatePolicies policies, Func<string?> deploymentDependence)
        {
            if (unresolved.Count > 0)
            {
                Unresolved(finding, unresolved[0], "");
                return;
            }

            if (CredentialsArn.Classify(finding.CredentialsArn).Kind == CredentialsKind.Role)
            {
                Unresolved(finding, null, $"{Subject(finding)} invokes through the credentials role '{finding.CredentialsArn}', whose trust and identity policies the template check does not evaluate; check the role, or run Test-ApiLambdaPermission after deployment.");
                return;
            }

            var denied = finding.Status == PermissionStatus.Denied && GrantCauses.Contains(finding.Cause);
            // A policy the template does not hold is one the engine did not read (ReadFailed).
            var notRead = finding.Status == PermissionStatus.Unknown && finding.Cause == PermissionCause.ReadFailed;
            if (denied || notRead)
            {
                if (denied && deploymentDependence() is string dependence)
                {
                    Unresolved(finding, null, $"{Subject(finding)} {dependence}");
                    return;
                }

                var maybe = uncertain.FirstOrDefault(g => g.FunctionName == null || g.FunctionName == finding.FunctionName);
                if (maybe != null)
                {
                    var why = maybe.Unresolved.FirstOrDefault();
                    Unresolved(finding, null, $"{Subject(finding)} may be granted by {maybe.LogicalId}, which depends on {why?.Expression ?? "its function"}{(why == null ? "" : $" ({why.Why})")}, so the tool cannot tell offline. {finding.Reason}");
                    return;
                }

                if (!policies.Declares(finding.FunctionName))
                {
                    Unresolved(finding, null, $"Function '{finding.FunctionName}' is not declared in this template, so its resource policy may hold grants made elsewhere; no grant in the template lets API Gateway invoke it from '{finding.PresentedSourceArn}'. Check it with Test-ApiLambdaPermission after deployment, or add the grant to the template.");
                }

                return;
            }

            // A whole-document policy replaces statements added one by one (docs/aws-rules.md §3.6): which survives depends on the deployment order.
            var matched = certain.FirstOrDefault(g => !g.WholeDocument && g.LogicalId == finding.MatchedStatementId);
            var whole = certain.FirstOrDefault(g => g.WholeDocument && g.FunctionName == finding.FunctionName && g.Qualifier == finding.Qualifier);
            if (finding.Status == PermissionStatus.Allowed && matched != null && whole != null)
            {
                Unresolved(finding, null, $"{matched.LogicalId} grants {Subject(finding)}, but the AWS::Lambda::ResourcePolicy {whole.LogicalId} replaces the whole policy of the same function, so whether the grant survives depends on the order CloudFormation deploys them; put the statement into {whole.LogicalId}.");
            }
        }

        /// <summary>How the template names the finding's function (before stand-ins are decoded), for the fix.</summary>
        private static TemplateHint Hint(PermissionFinding finding, TemplateModel model, ValueResolver resolver)
        {
            var symbols = resolver.Symbols;
            var hint = new TemplateHint
            {
                Partition = symbols.IsSymbolic(resolver.Partition) ? null : resolver.Partition,
                Region = symbols.IsSymbolic(resolver.Region) ? null : resolver.Region,
                AccountId = symbols.IsSymbolic(resolver.AccountId) ? null : resolver.AccountId,
                TakenLogicalIds = model.LogicalIds,
            };
            if (finding.Qualifier != null && model.QualifierLogicalIds.TryGetValue((finding.FunctionName, finding.Qualifier), out var qualified))
            {
                (hint.FunctionKind, hint.FunctionValue) = ("Ref", qualified);
            }
            else if (model.FunctionLogicalIds.TryGetValue(finding.FunctionName, out var function))
            {
                (hint.FunctionKind, hint.FunctionValue) = finding.Qualifier == null ? ("Ref", function) : ("Sub", $"${{{function}}}:{symbols.Decode(finding.Qualifier)}");
            }
            else
            {
                var arn = symbols.Decode(finding.FunctionArn);
                (hint.FunctionKind, hint.FunctionValue) = (arn.Contains("${") ? "Sub" : "", arn);
            }

            return hint;
        }

        /// <summary>The AWS::Lambda::Permission (or AWS::Lambda::ResourcePolicy) whose statement grants an Allowed finding, else empty.</summary>
        private static string GrantingLogicalId(PermissionFinding finding, List<TemplateModel.Grant> certain)
        {
            if (finding.Status != PermissionStatus.Allowed || finding.Cause != PermissionCause.GrantedByPolicy)
            {
                return "";
            }

            var grant = certain.FirstOrDefault(g => !g.WholeDocument && g.LogicalId == finding.MatchedStatementId)
                ?? certain.FirstOrDefault(g => g.WholeDocument && g.FunctionName == finding.FunctionName && g.Qualifier == finding.Qualifier);
            return grant?.LogicalId ?? "";
        }

        private static void Unresolved(PermissionFinding finding, UnresolvedValueException? cause, string reason)
        {
            finding.Status = PermissionStatus.Unknown;
            finding.Cause = PermissionCause.UnresolvedTemplateValue;
            finding.Reason = cause == null ? reason : $"{Subject(finding)} depends on {cause.Expression}, which cannot be resolved offline: {cause.Why}.";
            finding.MatchedStatementId = null;
            finding.Action = finding.Principal = finding.StatementId = finding.SourceArn = null;
        }

        private static string Subject(PermissionFinding finding) => finding.Kind == TargetKind.Authorizer
            ? $"Authorizer '{finding.AuthorizerName}'"
            : $"The {finding.HttpMethod} {finding.ResourcePath} integration in stage '{finding.StageName}'";

        /// <summary>The finding as users see it: stand-ins decoded to the template's own expressions, and where it came from.</summary>
        private static PermissionFinding Present(PermissionFinding finding, string logicalId, string? uriExpression, string templatePath, SymbolTable symbols)
        {
            if (uriExpression != null)
            {
                // The function is not known: as for an undefined stage variable, nothing about it is shown.
                finding.IntegrationUri = uriExpression;
                finding.FunctionArn = finding.FunctionName = finding.Region = finding.FunctionAccountId = finding.PresentedSourceArn = "";
                finding.Qualifier = null;
            }

            finding.TemplatePath = templatePath;
            finding.LogicalId = logicalId;
            finding.RestApiId = symbols.Decode(finding.RestApiId);
            finding.ApiId = symbols.Decode(finding.ApiId);
            finding.RestApiName = symbols.Decode(finding.RestApiName);
            finding.ApiAccountId = symbols.Decode(finding.ApiAccountId);
            finding.ApiRegion = symbols.Decode(finding.ApiRegion);
            finding.StageName = symbols.Decode(finding.StageName);
            finding.AuthorizerId = symbols.Decode(finding.AuthorizerId);
            finding.IntegrationUri = symbols.Decode(finding.IntegrationUri);
            finding.CredentialsArn = symbols.Decode(finding.CredentialsArn);
            finding.FunctionArn = symbols.Decode(finding.FunctionArn);
            finding.FunctionName = symbols.Decode(finding.FunctionName);
            finding.Qualifier = finding.Qualifier == null ? null : symbols.Decode(finding.Qualifier);
            // Region binds by property name to the AWS -Region of the cmdlets findings are piped to: a symbolic one stays empty.
            finding.Region = symbols.IsSymbolic(finding.Region) ? "" : finding.Region;
            finding.FunctionAccountId = symbols.Decode(finding.FunctionAccountId);
            finding.PresentedSourceArn = symbols.Decode(finding.PresentedSourceArn);
            finding.Reason = symbols.Decode(finding.Reason);
            if (finding.SourceArn != null)
            {
                finding.SourceArn = symbols.Decode(finding.SourceArn);

                // ${AWS::Region} holds colons: flattened, the ARN keeps its six components for the id's readable part.
                finding.StatementId = StatementIds.For(finding.SourceArn.Replace("::", "-"), finding.Qualifier);
            }

            return finding;
        }

        /// <summary>Which template item each target came from.</summary>
        private sealed class Origins
        {
            private readonly TemplateModel.Api _api;

            public Origins(TemplateModel.Api api)
            {
                _api = api;
            }

            public List<UnresolvedValueException> Of(IntegrationTarget target)
            {
                var all = new List<UnresolvedValueException>(_api.Unresolved);
                all.AddRange(_api.Stages.FirstOrDefault(s => s.Name == target.StageName)?.Unresolved ?? new List<UnresolvedValueException>());
                if (target.Kind == TargetKind.Authorizer)
                {
                    all.AddRange(Authorizer(target)?.Unresolved ?? new List<UnresolvedValueException>());
                }
                else
                {
                    all.AddRange(Method(target)?.Unresolved ?? new List<UnresolvedValueException>());
                }

                return all;
            }

            public string? UriExpressionOf(IntegrationTarget target) =>
                target.Kind == TargetKind.Authorizer ? Authorizer(target)?.UriExpression : Method(target)?.UriExpression;

            public string LogicalIdOf(IntegrationTarget target) =>
                (target.Kind == TargetKind.Authorizer ? Authorizer(target)?.LogicalId : Method(target)?.LogicalId) ?? _api.LogicalId;

            private TemplateModel.Method? Method(IntegrationTarget target) =>
                _api.Methods.FirstOrDefault(m => m.Path == target.ResourcePath && m.HttpMethod == target.HttpMethod);

            private TemplateModel.Authorizer? Authorizer(IntegrationTarget target) => _api.Authorizers.FirstOrDefault(a => a.Id == target.AuthorizerId);
        }
    }
}

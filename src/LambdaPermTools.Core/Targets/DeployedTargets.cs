using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LambdaPermTools.Apis;

namespace LambdaPermTools.Targets
{
    /// <summary>
    /// One stage as it is deployed (docs/aws-rules.md §4.5): its targets read from the deployment it serves, each with what the
    /// current configuration would change at the next deployment; its canary's targets where they differ from the stage's own
    /// (another function or qualifier after the overrides, other credentials, a method only the canary serves); and, when the
    /// deployment could not be read, the current configuration, said in each target's note and in a warning, never silently.
    /// </summary>
    internal static class DeployedTargets
    {
        public static void Add(ApiSnapshot api, FunctionResolutions functions, ApiStage stage, List<IntegrationTarget> current, TargetResolution result)
        {
            var deploymentId = stage.DeploymentId!;
            var where = $"Stage '{stage.StageName}' of REST API '{api.Api.Id}'";
            if (!api.Deployments.TryGetValue(deploymentId, out var deployment))
            {
                if (api.UnreadDeployments.TryGetValue(deploymentId, out var why))
                {
                    var note = $"The deployment '{deploymentId}' that stage '{stage.StageName}' serves could not be read ({why.TrimEnd('.')}), so this target comes from the current configuration, which the stage serves only if it was deployed after the last change.";
                    current.ForEach(t => t.ConfigurationNote = note);
                    result.Warnings.Add($"{where}: its deployment '{deploymentId}' could not be read ({why.TrimEnd('.')}); its targets are judged on the current configuration instead, which may differ from what it serves.");
                }

                result.Targets.AddRange(current);
                return;
            }

            var deployed = TargetResolver.ForConfiguration(api, functions, deployment.Resources, deployment.Authorizers, stage.StageName, stage.Variables);
            var changes = MarkChanges(stage, deployment, deployed, current);
            result.Targets.AddRange(deployed);
            if (changes.Count > 0)
            {
                result.Warnings.Add($"{where} serves deployment '{deploymentId}'{Dated(deployment, stage)}, and the current configuration differs from it ({string.Join("; ", changes)}): the next deployment changes what the stage serves. Judged: what it serves now (-Configuration Current judges the next deployment).");
            }

            if (stage.Canary != null)
            {
                AddCanary(api, functions, stage, deployed, result, where);
            }
        }

        /// <summary>Sets each deployed target's UndeployedChange and note; returns a short line per changed, removed or added target for the stage's warning.</summary>
        private static List<string> MarkChanges(ApiStage stage, ApiDeployment deployment, List<IntegrationTarget> deployed, List<IntegrationTarget> current)
        {
            var deploymentId = deployment.Id;
            var byKey = current.GroupBy(Key).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            var lines = new List<string>();
            foreach (var target in deployed)
            {
                target.DeploymentId = deploymentId;
                byKey.TryGetValue(Key(target), out var now);
                var change = now == null ? Removed(target) : Differences(target, now);
                if (change.Length == 0)
                {
                    continue;
                }

                target.UndeployedChange = $"{change} (deployment '{deploymentId}'{Dated(deployment, stage)})";
                target.ConfigurationNote = $"Stage '{stage.StageName}' serves deployment '{deploymentId}'{Dated(deployment, stage)}; the current configuration differs: {change}; redeploy the stage for it to serve the current configuration.";
                lines.Add($"{Name(target)}: {change}");
            }

            var deployedKeys = new HashSet<string>(deployed.Select(Key), StringComparer.Ordinal);
            lines.AddRange(current.Where(t => !deployedKeys.Contains(Key(t))).Select(t => $"{Name(t)}: added, not deployed"));
            return lines;
        }

        private static void AddCanary(ApiSnapshot api, FunctionResolutions functions, ApiStage stage, List<IntegrationTarget> stageTargets, TargetResolution result, string where)
        {
            var canary = stage.Canary!;
            if (!api.Deployments.TryGetValue(canary.DeploymentId, out var deployment))
            {
                var why = api.UnreadDeployments.TryGetValue(canary.DeploymentId, out var reason) ? reason.TrimEnd('.') : "it was not read";
                result.Warnings.Add($"{where} has a canary on deployment '{canary.DeploymentId}' ({Percent(canary)} of its requests), which could not be read ({why}): the canary's targets are not judged.");
                return;
            }

            var variables = new Dictionary<string, string>(stage.Variables.ToDictionary(v => v.Key, v => v.Value), StringComparer.Ordinal);
            foreach (var o in canary.StageVariableOverrides)
            {
                variables[o.Key] = o.Value;
            }

            var own = stageTargets.GroupBy(Key).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            var note = $"It is served by the canary of stage '{stage.StageName}' (deployment '{canary.DeploymentId}', {Percent(canary)} of its requests, with the canary's stage variable overrides).";
            foreach (var target in TargetResolver.ForConfiguration(api, functions, deployment.Resources, deployment.Authorizers, stage.StageName, variables))
            {
                if (own.TryGetValue(Key(target), out var stageTarget) && Differences(stageTarget, target).Length == 0)
                {
                    continue;
                }

                target.DeploymentId = canary.DeploymentId;
                target.Canary = true;
                target.ConfigurationNote = note;
                result.Targets.Add(target);
            }
        }

        /// <summary>A method by path and verb, an authorizer by name (the export has no ids).</summary>
        private static string Key(IntegrationTarget t) =>
            t.Kind == TargetKind.Integration ? $"I {t.ResourcePath} {t.HttpMethod}" : $"A {t.AuthorizerName}";

        private static string Name(IntegrationTarget t) => t.Kind == TargetKind.Integration ? $"{t.HttpMethod} {t.ResourcePath}" : $"authorizer '{t.AuthorizerName}'";

        /// <summary>What would change from <paramref name="from"/> to <paramref name="to"/>: the function or qualifier, the credentials, the method's authorizer.</summary>
        private static string Differences(IntegrationTarget from, IntegrationTarget to)
        {
            var parts = new List<string>();
            var fromFunction = Function(from);
            var toFunction = Function(to);
            if (fromFunction != toFunction)
            {
                parts.Add($"calls '{toFunction}' instead of '{fromFunction}'");
            }

            if (from.CredentialsArn != to.CredentialsArn)
            {
                parts.Add($"credentials {Shown(to.CredentialsArn)} instead of {Shown(from.CredentialsArn)}");
            }

            if (from.Kind == TargetKind.Integration && from.AuthorizerName != to.AuthorizerName)
            {
                parts.Add($"authorizer {Shown(to.AuthorizerName)} instead of {Shown(from.AuthorizerName)}");
            }

            return string.Join(", ", parts);
        }

        private static string Removed(IntegrationTarget t) => t.Kind == TargetKind.Integration
            ? "removed: the current configuration has no Lambda integration for it, so the next deployment stops serving it"
            : "removed: the current configuration has no authorizer of that name";

        /// <summary>The function as invoked, or the URI when stage variables leave it unresolved.</summary>
        private static string Function(IntegrationTarget t) => t.FunctionArn.Length > 0 ? t.FunctionArn : t.IntegrationUri;

        private static string Shown(string value) => value.Length == 0 ? "none" : $"'{value}'";

        private static string Percent(ApiCanary canary) => canary.PercentTraffic.ToString("0.##", CultureInfo.InvariantCulture) + "%";

        /// <summary>The deployment's own date where it was read; else the stage's last update, which is no earlier than it.</summary>
        private static string Dated(ApiDeployment deployment, ApiStage stage) => deployment.CreatedDate != null
            ? $", deployed {Utc(deployment.CreatedDate.Value)}"
            : stage.LastUpdatedDate == null ? "" : $", stage last updated {Utc(stage.LastUpdatedDate.Value)}";

        private static string Utc(DateTimeOffset date) => date.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
    }
}

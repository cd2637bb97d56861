using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Aws.Ports;

namespace LambdaPermTools.Completion
{
    /// <summary>Completes -StageName with the stages of the (first) API given in -RestApiId (GetStages).</summary>
    public sealed class StageNameCompleter : AwsLookupCompleter
    {
        internal override string? Scope(IDictionary fakeBoundParameters)
        {
            var ids = fakeBoundParameters.Contains("RestApiId") ? fakeBoundParameters["RestApiId"] : null;
            return ids is IEnumerable many && !(ids is string) ? many.Cast<object>().FirstOrDefault()?.ToString() : ids?.ToString();
        }

        internal override async Task<IReadOnlyList<(string Value, string Tooltip)>> ReadAsync(IAwsServices services, string scope, CancellationToken cancellation) =>
            (await services.ApiGateway.GetStagesAsync(scope, cancellation).ConfigureAwait(false)).Select(s => (s.StageName, s.StageName)).ToList();
    }
}

using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Aws.Ports;

namespace LambdaPermTools.Completion
{
    /// <summary>Completes -RestApiId with the REST APIs of the region (GetRestApis); the tooltip is the API's name.</summary>
    public sealed class RestApiIdCompleter : AwsLookupCompleter
    {
        internal override string? Scope(IDictionary fakeBoundParameters) => "apis";

        internal override async Task<IReadOnlyList<(string Value, string Tooltip)>> ReadAsync(IAwsServices services, string scope, CancellationToken cancellation) =>
            (await services.ApiGateway.GetRestApisAsync(cancellation).ConfigureAwait(false)).Select(a => (a.Id, a.Name)).ToList();
    }
}

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Aws.Http;
using LambdaPermTools.Aws.Ports;

namespace LambdaPermTools.Aws.Clients
{
    /// <summary>STS GetCallerIdentity (Query protocol, regional endpoint).</summary>
    internal sealed class StsClient : IStsPort
    {
        private readonly ServiceCaller _caller;

        public StsClient(ServiceCaller caller) => _caller = caller;

        public async Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken)
        {
            var request = QueryProtocol.Read("GetCallerIdentity", "2011-06-15", Array.Empty<KeyValuePair<string, string>>());
            var response = await _caller.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return ResponseReader.Xml(_caller, "GetCallerIdentity", response, r => new CallerIdentity(
                r.ChildValue("Account") ?? throw new FormatException("no Account"),
                r.ChildValue("Arn") ?? throw new FormatException("no Arn"),
                r.ChildValue("UserId") ?? ""));
        }
    }
}

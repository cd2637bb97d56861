using System.Management.Automation;
using LambdaPermTools.Hosting;

namespace LambdaPermTools.Commands
{
    /// <summary>
    /// Lists every Lambda function that a REST API invokes: method integrations (AWS, AWS_PROXY) and Lambda
    /// authorizers (TOKEN, REQUEST), one object per target and stage. APIs are read concurrently and each API's
    /// targets are written as soon as it is read. Per API only GetResources (embed=methods), GetAuthorizers and
    /// GetStages are called, so with -RestApiId the API's name is not read: RestApiName is filled when the APIs come
    /// from -All or from Get-AGRestApiList objects.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ApiIntegrationTarget")]
    [OutputType(typeof(IntegrationTarget))]
    public sealed class GetApiIntegrationTargetCommand : ApiSelectingCmdlet
    {
        protected override void ProcessRecord() => CollectApis();

        protected override void EndProcessing()
        {
            foreach (var work in Work)
            {
                var session = OpenSession(work);
                RunScan(session, work.Request, Selection, null, result => WriteObject(result.Targets, enumerateCollection: true));
            }
        }
    }
}

using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using LambdaPermTools.Binding;
using LambdaPermTools.Completion;
using LambdaPermTools.Hosting;

namespace LambdaPermTools.Commands
{
    /// <summary>
    /// Lists every Lambda function that a REST API invokes: method integrations (AWS, AWS_PROXY) and Lambda
    /// authorizers (TOKEN, REQUEST), one object per target and stage, written as soon as each API is read. With no
    /// selection and nothing piped in, every REST, HTTP and WebSocket API of the region. Per API GetResources (embed=methods), GetAuthorizers,
    /// GetStages, one GetRestApi for an API named by -RestApiId only (its name), and with -Configuration Deployed one
    /// GetExport per distinct deployment the selected stages serve.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ApiIntegrationTarget")]
    [OutputType(typeof(IntegrationTarget))]
    public sealed class GetApiIntegrationTargetCommand : AwsCmdlet
    {
        /// <summary>The ids of the REST APIs to look at.</summary>
        [Parameter(ParameterSetName = ApiSelector.ByRestApiId, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RestApiIdCompleter))]
        public string[] RestApiId { get; set; } = new string[0];

        /// <summary>The ids of the HTTP and WebSocket APIs to look at (Get-AG2ApiList objects bind by their ApiId).</summary>
        [Parameter(ParameterSetName = ApiSelector.ByApiId, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] ApiId { get; set; } = new string[0];

        /// <summary>REST APIs as Get-AGRestApiList emits them (objects with Id and Name).</summary>
        [Parameter(ParameterSetName = ApiSelector.ByInputObject, Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public RestApiReference[] InputObject { get; set; } = new RestApiReference[0];

        /// <summary>Every REST, HTTP and WebSocket API in the region (also what no selection means).</summary>
        [Parameter(ParameterSetName = ApiSelector.ByAll)]
        public SwitchParameter All { get; set; }

        /// <summary>The URL of a request that failed (an execute-api host or a custom domain name): only the targets that request reaches, each with its Trace.</summary>
        [Parameter(ParameterSetName = UriBinding.ByUri, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string Uri { get; set; } = "";

        /// <summary>The verb of that request (default GET).</summary>
        [Parameter(ParameterSetName = UriBinding.ByUri)]
        [ValidateNotNullOrEmpty]
        public string HttpMethod { get; set; } = "GET";

        /// <summary>The headers of that request, for custom domains whose routing rules match on headers.</summary>
        [Parameter(ParameterSetName = UriBinding.ByUri)]
        public Hashtable? Header { get; set; }

        /// <summary>Only these kinds of API (Rest, Http, WebSocket) of the region. Default: all three.</summary>
        [Parameter(ParameterSetName = ApiSelector.ByAll)]
        [ValidateNotNullOrEmpty]
        public ApiType[]? ApiType { get; set; }

        /// <summary>Only these stages (case-sensitive). Default: every stage of each API.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(StageNameCompleter))]
        public string[]? StageName { get; set; }

        /// <summary>Also the console's Test button (stage test-invoke-stage).</summary>
        [Parameter]
        public SwitchParameter IncludeTestInvoke { get; set; }

        /// <summary>Deployed (default): what each stage serves, its deployment and its canary's; Current: the current configuration, i.e. what the next deployment will serve.</summary>
        [Parameter]
        public ApiConfiguration Configuration { get; set; } = ApiConfiguration.Deployed;

        private ApiSelector Selection => new ApiSelector(ParameterSetName, RestApiId, InputObject, StageName, IncludeTestInvoke, Configuration) { ApiIds = ApiId, ApiTypes = ApiType };

        protected override void ProcessRecord()
        {
            if (ParameterSetName == UriBinding.ByUri)
            {
                TerminateOn(UriBinding.AddTo(this, Uri, HttpMethod, Header, Configuration));
                return;
            }

            WriteErrors(Selection.AddTo(Request()));
        }

        protected override void EndProcessing()
        {
            foreach (var (run, request) in Runs())
            {
                Stream<IReadOnlyList<IntegrationTarget>>(observer => run.ListTargetsAsync(request, observer), targets => WriteObject(targets, enumerateCollection: true));
            }
        }
    }
}

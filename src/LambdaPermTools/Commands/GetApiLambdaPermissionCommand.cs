using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using LambdaPermTools.Binding;
using LambdaPermTools.Completion;
using LambdaPermTools.Hosting;

namespace LambdaPermTools.Commands
{
    /// <summary>
    /// Lists every statement of functions' resource policies that concerns API Gateway, and what each is still used for
    /// (InUse, ApiDeleted, Unused, Redundant, Foreign), with its size and the policy's headroom against 20 KB. Functions come
    /// from -FunctionName (names or ARNs; Get-LMFunctionList output binds), from the REST APIs selected as the other cmdlets
    /// select them (the functions they invoke), or from -AllFunctions (every function of the region). Each function is read
    /// at every qualifier that can have a policy. With no selection and nothing piped, every REST, HTTP and WebSocket API of the region.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ApiLambdaPermission")]
    [OutputType(typeof(PermissionGrant))]
    public sealed class GetApiLambdaPermissionCommand : AwsCmdlet
    {
        private const string ByFunctionName = "FunctionName";
        private const string ByAllFunctions = "AllFunctions";

        /// <summary>Functions by name or ARN; with a qualifier (name:alias or a qualified ARN), only that qualifier's policy.</summary>
        [Parameter(ParameterSetName = ByFunctionName, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] FunctionName { get; set; } = new string[0];

        /// <summary>Every function of the region (ListFunctions).</summary>
        [Parameter(ParameterSetName = ByAllFunctions, Mandatory = true)]
        public SwitchParameter AllFunctions { get; set; }

        /// <summary>The ids of the REST APIs whose functions to look at.</summary>
        [Parameter(ParameterSetName = ApiSelector.ByRestApiId, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RestApiIdCompleter))]
        public string[] RestApiId { get; set; } = new string[0];

        /// <summary>The ids of the HTTP and WebSocket APIs whose functions to look at (Get-AG2ApiList objects bind by their ApiId).</summary>
        [Parameter(ParameterSetName = ApiSelector.ByApiId, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] ApiId { get; set; } = new string[0];

        /// <summary>REST APIs as Get-AGRestApiList emits them (objects with Id and Name).</summary>
        [Parameter(ParameterSetName = ApiSelector.ByInputObject, Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public RestApiReference[] InputObject { get; set; } = new RestApiReference[0];

        /// <summary>The functions of every REST, HTTP and WebSocket API in the region (also what no selection means).</summary>
        [Parameter(ParameterSetName = ApiSelector.ByAll)]
        public SwitchParameter All { get; set; }

        /// <summary>
        /// The regions whose APIs may invoke these functions. A grant for an API of another region names the function's region,
        /// so a grant whose API is not in the function's region is ApiDeleted only when none of these regions has it either;
        /// without -ApiRegion it is Foreign.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidatePattern("^[a-z]{2,}(-[a-z]+)+-[0-9]+$")]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string[] ApiRegion { get; set; } = new string[0];

        protected override void ProcessRecord()
        {
            var request = Request();
            request.ApiRegions.AddRange(ApiRegion.Where(r => !request.ApiRegions.Contains(r)));
            WriteErrors(new ApiSelector(ParameterSetName, RestApiId, InputObject, null, false, ApiConfiguration.Deployed) { ApiIds = ApiId }.AddTo(request));
            request.Functions.AddRange(FunctionName);
            request.AllFunctions |= AllFunctions;
        }

        protected override void EndProcessing()
        {
            foreach (var (run, request) in Runs())
            {
                Stream<IReadOnlyList<PermissionGrant>>(observer => run.ListGrantsAsync(request, observer), grants => WriteObject(grants, enumerateCollection: true),
                    "Listing API Gateway grants", "read");
            }
        }
    }
}

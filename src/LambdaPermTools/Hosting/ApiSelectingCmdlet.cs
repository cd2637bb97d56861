using System;
using System.Management.Automation;
using System.Text.RegularExpressions;
using LambdaPermTools.Apis;
using LambdaPermTools.Binding;
using LambdaPermTools.Completion;
using LambdaPermTools.Targets;

namespace LambdaPermTools.Hosting
{
    /// <summary>
    /// The target-selecting parameters shared by the read-side cmdlets (cmdlet-contract.md, "Selecting what to
    /// look at"): -RestApiId by property name, -InputObject for Get-AGRestApiList objects, -All, -StageName and
    /// -IncludeTestInvoke. Deliberately no DefaultParameterSetName: with one, PowerShell would bind every
    /// piped object within the default set only, and REST API objects or our own output would not bind.
    /// </summary>
    public abstract class ApiSelectingCmdlet : AwsCmdlet
    {
        internal const string ByRestApiId = "RestApiId";
        internal const string ByInputObject = "InputObject";
        internal const string ByAll = "All";
        private static readonly Regex RestApiIdPattern = new Regex("^[A-Za-z0-9]+$", RegexOptions.CultureInvariant);

        /// <summary>The ids of the REST APIs to look at.</summary>
        [Parameter(ParameterSetName = ByRestApiId, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RestApiIdCompleter))]
        public string[] RestApiId { get; set; } = new string[0];

        /// <summary>REST APIs as Get-AGRestApiList emits them (objects with Id and Name).</summary>
        [Parameter(ParameterSetName = ByInputObject, Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public RestApiReference[] InputObject { get; set; } = new RestApiReference[0];

        /// <summary>Every REST API in the region.</summary>
        [Parameter(ParameterSetName = ByAll, Mandatory = true)]
        public SwitchParameter All { get; set; }

        /// <summary>Only these stages (case-sensitive). Default: every stage of each API.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(StageNameCompleter))]
        public string[]? StageName { get; set; }

        /// <summary>Also judge the console's Test button (stage test-invoke-stage).</summary>
        [Parameter]
        public SwitchParameter IncludeTestInvoke { get; set; }

        /// <summary>The stages to resolve; naming test-invoke-stage in -StageName asks for the console's Test button too.</summary>
        internal TargetSelection Selection => new TargetSelection
        {
            StageNames = StageName,
            IncludeTestInvoke = IncludeTestInvoke || (StageName != null && Array.IndexOf(StageName, Arns.ExecuteApiArn.TestInvokeStage) >= 0),
        };

        /// <summary>Adds this record's API selection to its connection's work; false when the record belongs to another parameter set.</summary>
        internal bool CollectApis()
        {
            switch (ParameterSetName)
            {
                case ByRestApiId:
                    var byId = CurrentWork();
                    foreach (var id in RestApiId)
                    {
                        byId.Request.Apis.Add(new RestApiSummary(CheckedId(id), ""));
                    }

                    return true;
                case ByInputObject:
                    var byObject = CurrentWork();
                    foreach (var reference in InputObject)
                    {
                        if (reference.Problem != null)
                        {
                            ThrowTerminatingError(ErrorRecords.WithAction(
                                new ErrorRecord(new ArgumentException(reference.Problem), "InputObjectNotRestApi", ErrorCategory.InvalidArgument, reference.Input),
                                "Pipe Get-AGRestApiList output, or pass -RestApiId."));
                        }

                        byObject.Request.Apis.Add(new RestApiSummary(CheckedId(reference.Id), reference.Name));
                    }

                    return true;
                case ByAll:
                    CurrentWork().Request.All = true;
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// A REST API id is letters and digits (AWS: 10 of them, e.g. a1b2c3d4e5). Anything else (an ARN, an invoke URL,
        /// a name with spaces or dashes) can never be found: an invalid argument, reported before any AWS call.
        /// </summary>
        private string CheckedId(string id)
        {
            if (!RestApiIdPattern.IsMatch(id))
            {
                ThrowTerminatingError(ErrorRecords.WithAction(
                    new ErrorRecord(new ArgumentException($"'{id}' is not a REST API id: an id is letters and digits only, such as 'a1b2c3d4e5'."), "InvalidRestApiId", ErrorCategory.InvalidArgument, id),
                    "Pass the API's id as Get-AGRestApiList shows it (property Id), or the part before '.execute-api.' in its invoke URL."));
            }

            return id;
        }

        /// <summary>True when -StageName is absent or names the target's stage.</summary>
        internal bool InSelectedStages(IntegrationTarget target) => StageName == null || Array.IndexOf(StageName, target.StageName) >= 0;
    }
}

using System;
using System.Management.Automation;
using LambdaPermTools.Api;
using LambdaPermTools.Binding;
using LambdaPermTools.Completion;
using LambdaPermTools.Evaluation;

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
                        byId.Request.Apis.Add(new RestApiSummary(id, ""));
                    }

                    return true;
                case ByInputObject:
                    var byObject = CurrentWork();
                    foreach (var reference in InputObject)
                    {
                        if (reference.Problem != null)
                        {
                            ThrowTerminatingError(ErrorRecords.WithAction(
                                new ErrorRecord(new ArgumentException(reference.Problem), "InputObjectNotRestApi", ErrorCategory.InvalidArgument, reference),
                                "Pipe Get-AGRestApiList output, or pass -RestApiId."));
                        }

                        byObject.Request.Apis.Add(new RestApiSummary(reference.Id, reference.Name));
                    }

                    return true;
                case ByAll:
                    CurrentWork().Request.All = true;
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>True when -StageName is absent or names the target's stage.</summary>
        internal bool InSelectedStages(IntegrationTarget target) => StageName == null || Array.IndexOf(StageName, target.StageName) >= 0;
    }
}

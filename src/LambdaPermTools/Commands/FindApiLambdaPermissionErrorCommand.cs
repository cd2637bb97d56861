using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Aws.Runs;
using LambdaPermTools.Binding;
using LambdaPermTools.Completion;
using LambdaPermTools.Hosting;
using LambdaPermTools.Requests;

namespace LambdaPermTools.Commands
{
    /// <summary>
    /// Reads the selected stages' execution logs (API-Gateway-Execution-Logs_{id}/{stage}, and …/Canary for a stage with a
    /// canary) for "Invalid permissions on Lambda function", or log text given with -LogText or from the pipeline, and
    /// writes one PermissionFailure per distinct failing method or authorizer, stage and function, with how often it failed.
    /// A stage that logs nothing is LogGroupNotFound (never an empty result that looks like "no errors"); text with no line
    /// of a known shape is one warning naming the shapes.
    /// </summary>
    [Cmdlet(VerbsCommon.Find, "ApiLambdaPermissionError")]
    [OutputType(typeof(PermissionFailure))]
    public sealed class FindApiLambdaPermissionErrorCommand : AwsCmdlet
    {
        private const string ByText = "LogText";
        private LogTextInput? _text;

        /// <summary>The ids of the REST APIs whose stages' logs to read; with -LogText, the API the text came from.</summary>
        [Parameter(ParameterSetName = ApiSelector.ByRestApiId, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = ByText)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RestApiIdCompleter))]
        public string[] RestApiId { get; set; } = new string[0];

        /// <summary>Every REST API in the region (also what no selection means).</summary>
        [Parameter(ParameterSetName = ApiSelector.ByAll)]
        public SwitchParameter All { get; set; }

        /// <summary>Execution-log lines (CloudWatch export, or the console Test pane's "date : " lines), also from the pipeline.</summary>
        [Parameter(ParameterSetName = ByText, Mandatory = true, ValueFromPipeline = true)]
        [AllowEmptyString]
        [AllowNull]
        public string[] LogText { get; set; } = new string[0];

        /// <summary>Only these stages (case-sensitive). Default: every stage of each API. With -LogText: the stage the text came from.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(StageNameCompleter))]
        public string[]? StageName { get; set; }

        /// <summary>The start of the time window (default: an hour before -EndTime).</summary>
        [Parameter(ParameterSetName = ApiSelector.ByRestApiId)]
        [Parameter(ParameterSetName = ApiSelector.ByAll)]
        public DateTime? StartTime { get; set; }

        /// <summary>The end of the time window (default: now).</summary>
        [Parameter(ParameterSetName = ApiSelector.ByRestApiId)]
        [Parameter(ParameterSetName = ApiSelector.ByAll)]
        public DateTime? EndTime { get; set; }

        private ApiSelector Selection => new ApiSelector(ParameterSetName, RestApiId, new RestApiReference[0], StageName, false, ApiConfiguration.Deployed);

        protected override void ProcessRecord()
        {
            // The parameter set is known for certain only once a record is bound (piped strings pick -LogText).
            if (ParameterSetName == ByText)
            {
                _text ??= new LogTextInput(RestApiId.FirstOrDefault() ?? "", StageName?.FirstOrDefault() ?? "");
                _text.Read(LogText);
                return;
            }

            WriteErrors(Selection.AddTo(Request()));
        }

        protected override void EndProcessing()
        {
            if (_text != null)
            {
                WriteObject(_text.Complete(), enumerateCollection: true);
                if (!_text.RecognisedAny)
                {
                    WriteWarning("No line of the log text has a shape Find-ApiLambdaPermissionError reads. It looks for: " + string.Join("; ", ExecutionLogReader.Shapes) + ".");
                }

                return;
            }

            var window = Window();
            TerminateOn(window.Start > window.End
                ? new RunError(ErrorId.InvalidTimeWindow, $"-StartTime ({window.Start:u}) is after -EndTime ({window.End:u}).", StartTime, "Pass a -StartTime before -EndTime.")
                : null);
            foreach (var (run, request) in Runs())
            {
                Stream<IReadOnlyList<PermissionFailure>>(observer => run.FindFailuresAsync(request, window, observer),
                    failures => WriteObject(failures, enumerateCollection: true), "Reading execution logs", "stages read");
            }
        }

        private LogWindow Window()
        {
            var end = EndTime.HasValue ? new DateTimeOffset(EndTime.Value.ToUniversalTime()) : DateTimeOffset.UtcNow;
            return new LogWindow(StartTime.HasValue ? new DateTimeOffset(StartTime.Value.ToUniversalTime()) : end.AddHours(-1), end);
        }
    }
}

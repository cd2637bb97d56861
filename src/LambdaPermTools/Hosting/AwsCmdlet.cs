using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using LambdaPermTools.Aws.Composition;
using LambdaPermTools.Aws.Credentials;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Aws.Scanning;
using LambdaPermTools.Binding;
using LambdaPermTools.Completion;

namespace LambdaPermTools.Hosting
{
    /// <summary>
    /// Base of every cmdlet that calls AWS: the AWS Tools connection parameters (same names, aliases and
    /// pipeline binding, powershell-conventions.md §2), the caller's $StoredAWSCredentials/$StoredAWSRegion,
    /// one connection per distinct parameter set, and the pipeline-thread dispatcher.
    /// </summary>
    public abstract class AwsCmdlet : PSCmdlet, IDisposable
    {
        private readonly List<ConnectionWork> _work = new List<ConnectionWork>();
        private readonly List<IAwsServices> _opened = new List<IAwsServices>();
        private PipelineDispatcher? _dispatcher;

        /// <summary>The region to call: a system name (us-east-1), Get-AWSRegion output or a RegionEndpoint.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("RegionToCall")]
        [RegionTransformation]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string? Region { get; set; }

        /// <summary>The name of a profile in the shared credentials/config files; a missing profile is an error.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("StoredCredentials", "AWSProfileName")]
        [ArgumentCompleter(typeof(ProfileNameCompleter))]
        public string? ProfileName { get; set; }

        /// <summary>The path of the credentials file that holds -ProfileName.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("AWSProfilesLocation", "ProfilesLocation")]
        public string? ProfileLocation { get; set; }

        /// <summary>The access key id of explicit credentials.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("AK")]
        public string? AccessKey { get; set; }

        /// <summary>The secret access key of explicit credentials.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("SK", "SecretAccessKey")]
        public string? SecretKey { get; set; }

        /// <summary>The session token of explicit temporary credentials.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ST")]
        public string? SessionToken { get; set; }

        /// <summary>An AWS Tools credentials object (Amazon.Runtime.AWSCredentials of any AWSSDK.Core build).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public object? Credential { get; set; }

        /// <summary>Sends every AWS call of this command to this one URL (e.g. a local emulator).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? EndpointUrl { get; set; }

        internal PipelineDispatcher Dispatcher => _dispatcher ?? throw new InvalidOperationException("BeginProcessing has not run.");

        internal IReadOnlyList<ConnectionWork> Work => _work;

        protected override void BeginProcessing()
        {
            _dispatcher = new PipelineDispatcher();
        }

        protected override void StopProcessing()
        {
            _dispatcher?.Stop();
        }

        /// <summary>The connection work of the current record's parameters (read with the session values of this invocation).</summary>
        internal ConnectionWork CurrentWork()
        {
            var options = CaptureConnection();
            if (options.Region != null && !RegionNames.IsValid(options.Region))
            {
                ThrowTerminatingError(ErrorRecords.WithAction(
                    new ErrorRecord(new ArgumentException($"'{options.Region}' is not an AWS region name such as 'us-east-1'."), "InvalidRegion", ErrorCategory.InvalidArgument, options.Region),
                    ErrorRecords.RegionAction));
            }

            var work = _work.FirstOrDefault(w => w.Matches(options));
            if (work == null)
            {
                work = new ConnectionWork(options);
                _work.Add(work);
            }

            return work;
        }

        /// <summary>
        /// Opens the ports for a connection; no credentials/region/profile ends the command (terminating error).
        /// Off the pipeline thread: resolving credentials may wait on the network (instance metadata), and Ctrl+C must work.
        /// </summary>
        internal ScanSession OpenSession(ConnectionWork work)
        {
            var services = new StageRecorder(Await(() => System.Threading.Tasks.Task.FromResult(AwsServices.Factory.Create(work.Options))));
            _opened.Add(services);
            return new ScanSession(services, Dispatcher.Cancellation);
        }

        internal void WriteScanError(ScanError error) => WriteError(ErrorRecords.From(error));

        /// <summary>Judges targets that came from the pipeline (no API Gateway calls), writing the errors of the reads behind them.</summary>
        internal IReadOnlyList<PermissionFinding> Evaluate(ScanSession session, IReadOnlyList<IntegrationTarget> targets, Fix.FixOptions options)
        {
            var evaluation = Await(() => session.EvaluateAsync(targets, options));
            foreach (var error in evaluation.Errors)
            {
                WriteScanError(error);
            }

            return evaluation.Findings;
        }

        /// <summary>
        /// Runs AWS work off the pipeline thread (see <see cref="PipelineDispatcher"/>). Credentials that fail only
        /// when first used (an expired SSO token, a failing credential_process) end the command like at connect time.
        /// </summary>
        internal T Await<T>(Func<System.Threading.Tasks.Task<T>> work)
        {
            try
            {
                return Dispatcher.Run(work);
            }
            catch (ConnectionException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e));
                throw;
            }
        }

        /// <summary>Runs a multi-API scan (judging the targets when <paramref name="evaluateWith"/> is given), writing each API's errors and progress on the pipeline thread and handing its result to <paramref name="onResult"/>.</summary>
        internal void RunScan(ScanSession session, ApiRequest request, Evaluation.TargetSelection selection, Fix.FixOptions? evaluateWith, Action<ApiScanResult> onResult)
        {
            var listener = new DispatchingListener(this, onResult);
            try
            {
                Await(async () =>
                {
                    await session.ScanAsync(request, selection, evaluateWith, listener).ConfigureAwait(false);
                    return true;
                });
            }
            finally
            {
                // Also when the scan ends with a terminating error: no progress bar is left behind.
                listener.Complete();
            }

            if (session.Services is StageRecorder recorder)
            {
                WriteMissingStages(selection, recorder.StagesByApi);
            }
        }

        /// <summary>
        /// A -StageName that no scanned API has is a non-terminating StageNotFound (a typo must not look like "nothing
        /// invokes Lambda"). A stage that only some of the APIs have is a filter, not an error. APIs that could not be
        /// read say so with their own error.
        /// </summary>
        private void WriteMissingStages(Evaluation.TargetSelection selection, IReadOnlyDictionary<string, IReadOnlyList<string>> stagesByApi)
        {
            if (selection.StageNames == null || stagesByApi.Count == 0)
            {
                return;
            }

            foreach (var stage in selection.StageNames.Distinct(StringComparer.Ordinal))
            {
                if (stage == Arns.ExecuteApiArn.TestInvokeStage || stagesByApi.Values.Any(stages => stages.Contains(stage)))
                {
                    continue;
                }

                var existing = stagesByApi.Values.First().OrderBy(n => n, StringComparer.Ordinal).ToList();
                var message = stagesByApi.Count == 1
                    ? $"REST API '{stagesByApi.Keys.First()}' has no stage '{stage}' (its stages: {(existing.Count == 0 ? "none" : string.Join(", ", existing))})."
                    : $"None of the {stagesByApi.Count} REST APIs scanned has a stage '{stage}'.";
                WriteError(ErrorRecords.WithAction(
                    new ErrorRecord(new ItemNotFoundException(message), "StageNotFound", ErrorCategory.ObjectNotFound, stage),
                    "Check the stage name (it is case-sensitive); Get-AGStageList -RestApiId <id> lists an API's stages."));
            }
        }

        private ConnectionOptions CaptureConnection() => new ConnectionOptions
        {
            Region = Region,
            ProfileName = ProfileName,
            ProfileLocation = ProfileLocation,
            AccessKey = AccessKey,
            SecretKey = SecretKey,
            SessionToken = SessionToken,
            Credential = Credential,
            EndpointUrl = EndpointUrl,
            StoredCredentials = SessionState.PSVariable.GetValue("StoredAWSCredentials"),
            StoredRegion = RegionTransformationAttribute.ToRegionName(SessionState.PSVariable.GetValue("StoredAWSRegion")),
            WriteDebug = message => Dispatcher.Post(() => WriteDebug(message)),
            WriteVerbose = message => Dispatcher.Post(() => WriteVerbose(message)),
        };

        public void Dispose()
        {
            foreach (var services in _opened)
            {
                services.Dispose();
            }

            _opened.Clear();
            _dispatcher?.Dispose();
        }

        /// <summary>Marshals scan events to the pipeline thread; shows progress when more than one API is scanned.</summary>
        private sealed class DispatchingListener : IScanListener
        {
            private const int ActivityId = 0x1A9D;
            private readonly AwsCmdlet _cmdlet;
            private readonly Action<ApiScanResult> _onResult;
            private bool _progressShown;

            public DispatchingListener(AwsCmdlet cmdlet, Action<ApiScanResult> onResult)
            {
                _cmdlet = cmdlet;
                _onResult = onResult;
            }

            public void ApiCompleted(ApiScanResult result) => _cmdlet.Dispatcher.Post(() =>
            {
                foreach (var error in result.Errors)
                {
                    _cmdlet.WriteScanError(error);
                }

                _onResult(result);
            });

            public void Failed(ScanError error) => _cmdlet.Dispatcher.Post(() => _cmdlet.WriteScanError(error));

            public void Progress(int completed, int total, string restApiId)
            {
                if (total < 2)
                {
                    return;
                }

                _cmdlet.Dispatcher.Post(() =>
                {
                    _progressShown = true;
                    _cmdlet.WriteProgress(new ProgressRecord(ActivityId, "Scanning REST APIs", $"{completed} of {total} APIs scanned (last: {restApiId})")
                    {
                        PercentComplete = completed * 100 / total,
                    });
                });
            }

            public void Complete()
            {
                if (_progressShown)
                {
                    _cmdlet.WriteProgress(new ProgressRecord(ActivityId, "Scanning REST APIs", "Done") { RecordType = ProgressRecordType.Completed });
                }
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using LambdaPermTools.Aws.Composition;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Aws.Runs;
using LambdaPermTools.Binding;
using LambdaPermTools.Completion;

namespace LambdaPermTools.Hosting
{
    /// <summary>
    /// Base of every cmdlet that calls AWS: the AWS Tools connection parameters (same names, aliases and pipeline
    /// binding, docs/powershell-rules.md §2) with the caller's $StoredAWSCredentials/$StoredAWSRegion, one run request
    /// per distinct connection among the piped records, and the dispatcher that runs AWS work off the pipeline thread.
    /// </summary>
    public abstract class AwsCmdlet : PSCmdlet, IDisposable
    {
        /// <summary>The progress of a scan of selected APIs (REST, HTTP and WebSocket): "Scanning APIs", "3 of 7 APIs scanned".</summary>
        internal const string ScanActivity = "Scanning APIs";
        internal const string ScanItems = "APIs scanned";

        private readonly ConnectionRequests _requests = new ConnectionRequests();
        private PipelineDispatcher? _dispatcher;
        private bool _regionOnCommandLine;

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

        protected override void BeginProcessing()
        {
            _dispatcher = new PipelineDispatcher();
            _regionOnCommandLine = MyInvocation.BoundParameters.ContainsKey(nameof(Region));
        }

        protected override void StopProcessing() => _dispatcher?.Stop();

        /// <summary>The request of the current record's connection: connection parameters bind by property name, so piped records may name different regions or profiles.</summary>
        internal RunRequest Request()
        {
            var connection = RecordConnection.Of(this, _regionOnCommandLine);
            // A piped record whose own Region is no region name (an edited finding) is dropped with its error; the rest go on.
            return connection == null ? new RunRequest() : _requests.For(connection);
        }

        internal IEnumerable<(Run Run, RunRequest Request)> Runs() => _requests.Open(AwsServices.Factory, Dispatcher.Cancellation);

        /// <summary>Runs a verb that streams: each result, error and progress step (named by <paramref name="activity"/> and <paramref name="items"/>) reaches the pipeline thread as it comes.</summary>
        internal void Stream<T>(Func<IRunObserver<T>, Task> verb, Action<T> write, string activity = ScanActivity, string items = ScanItems) =>
            new PipelineObserver<T>(this, write, activity, items).Observe(verb);

        /// <summary>Runs a verb that streams and keeps every result (its errors and progress are written as they come).</summary>
        internal List<T> Collect<T>(Func<IRunObserver<T>, Task> verb)
        {
            var results = new List<T>();
            Stream(verb, results.Add);
            return results;
        }

        /// <summary>
        /// Runs AWS work off the pipeline thread (see <see cref="PipelineDispatcher"/>). A connection that cannot be made,
        /// also credentials that fail only when first used (an expired SSO token), ends the command.
        /// </summary>
        internal T Await<T>(Func<Task<T>> work)
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

        internal void WriteError(RunError error) => WriteError(ErrorRecords.From(error));

        /// <summary>Per-item errors: each is non-terminating, the command goes on.</summary>
        internal void WriteErrors(IEnumerable<RunError> errors) => errors.ToList().ForEach(error => WriteError(error));

        /// <summary>Ends the command with <paramref name="error"/>, when there is one.</summary>
        internal void TerminateOn(RunError? error)
        {
            if (error != null)
            {
                ThrowTerminatingError(ErrorRecords.From(error));
            }
        }

        public void Dispose()
        {
            _requests.Dispose();
            _dispatcher?.Dispose();
        }
    }
}

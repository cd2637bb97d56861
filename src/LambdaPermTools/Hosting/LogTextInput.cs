using System.Collections.Generic;
using LambdaPermTools.Requests;

namespace LambdaPermTools.Hosting
{
    /// <summary>
    /// Log text given to Find-ApiLambdaPermissionError (-LogText, or strings from the pipeline), read line by line as it
    /// arrives so that a large export never sits in memory: only unfinished requests and the tally are kept. A string may
    /// hold several lines (Get-Content -Raw, a pasted here-string).
    /// </summary>
    internal sealed class LogTextInput
    {
        /// <summary>The LogGroupName of failures read from text.</summary>
        public const string Source = "(text)";

        private static readonly char[] LineBreaks = { '\r', '\n' };
        private readonly ExecutionLogReader _reader = new ExecutionLogReader();
        private readonly FailureTally _tally = new FailureTally();
        private readonly string _restApiId;
        private readonly string _stageName;

        public LogTextInput(string restApiId, string stageName)
        {
            _restApiId = restApiId;
            _stageName = stageName;
        }

        /// <summary>Whether any line had a shape the reader knows (<see cref="ExecutionLogReader.Shapes"/>).</summary>
        public bool RecognisedAny => _reader.RecognisedLines > 0;

        public void Read(IEnumerable<string> texts)
        {
            foreach (var text in texts)
            {
                foreach (var line in (text ?? "").Split(LineBreaks, System.StringSplitOptions.RemoveEmptyEntries))
                {
                    foreach (var failed in _reader.Read(line))
                    {
                        _tally.Add(failed, _restApiId, _stageName, false, Source);
                    }
                }
            }
        }

        /// <summary>The failures, once the text has ended.</summary>
        public IReadOnlyList<PermissionFailure> Complete()
        {
            foreach (var failed in _reader.Complete())
            {
                _tally.Add(failed, _restApiId, _stageName, false, Source);
            }

            return _tally.Failures;
        }
    }
}

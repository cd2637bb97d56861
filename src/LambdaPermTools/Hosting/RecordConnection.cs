using LambdaPermTools.Aws.Credentials;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Aws.Runs;
using LambdaPermTools.Binding;

namespace LambdaPermTools.Hosting
{
    /// <summary>The connection of one pipeline record, read from a cmdlet's connection parameters and the session.</summary>
    internal static class RecordConnection
    {
        /// <summary>
        /// This record's connection, read with the session values of this invocation. A -Region that is no region name ends the
        /// command; one bound from a piped record is that record's non-terminating error (null: the record is dropped).
        /// </summary>
        public static ConnectionOptions? Of(AwsCmdlet cmdlet, bool regionOnCommandLine)
        {
            var connection = ConnectionBinding.Read(
                name => typeof(AwsCmdlet).GetProperty(name)!.GetValue(cmdlet),
                cmdlet.SessionState.PSVariable.GetValue("StoredAWSCredentials"),
                cmdlet.SessionState.PSVariable.GetValue("StoredAWSRegion"));
            connection.WriteDebug = message => cmdlet.Dispatcher.Post(() => cmdlet.WriteDebug(message));
            connection.WriteVerbose = message => cmdlet.Dispatcher.Post(() => cmdlet.WriteVerbose(message));
            if (connection.Region != null && !RegionNames.IsValid(connection.Region))
            {
                var error = new RunError(ErrorId.InvalidRegion, $"'{connection.Region}' is not an AWS region name such as 'us-east-1'.", connection.Region, ErrorRecords.RegionAction);
                if (regionOnCommandLine || !cmdlet.MyInvocation.ExpectingInput)
                {
                    cmdlet.TerminateOn(error);
                }

                cmdlet.WriteError(error);
                return null;
            }

            return connection;
        }
    }
}

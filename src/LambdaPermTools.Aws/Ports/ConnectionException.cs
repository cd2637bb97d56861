using System;

namespace LambdaPermTools.Aws.Ports
{
    /// <summary>Why no connection could be made; the cmdlets turn it into a terminating error with <see cref="ErrorId"/>.</summary>
    public sealed class ConnectionException : Exception
    {
        public ConnectionException(ErrorId errorId, string message, Exception? inner = null)
            : base(message, inner)
        {
            ErrorId = errorId;
        }

        /// <summary>NoCredentials, ProfileNotFound, SsoTokenExpired, NoRegion, InvalidRegion or InvalidEndpoint.</summary>
        public ErrorId ErrorId { get; }
    }
}

using System;

namespace LambdaPermTools.Requests
{
    /// <summary>A request URL or HTTP method that cannot be a request to API Gateway; the message says why.</summary>
    public sealed class RequestFormatException : FormatException
    {
        public RequestFormatException(string message)
            : base(message)
        {
        }
    }
}

namespace LambdaPermTools.TestDoubles
{
    /// <summary>What a <see cref="HostileServer"/> does with every request.</summary>
    public enum HostileBehaviour
    {
        /// <summary>
        /// The server's status with a message that echoes every request header, as AWS's SignatureDoesNotMatch and
        /// InvalidSignatureException messages echo the canonical request (which holds X-Amz-Security-Token).
        /// </summary>
        EchoCanonicalRequest,
        /// <summary>The server's status (403 unless given) whose message holds the request's headers as a JSON object.</summary>
        EchoJsonHeaders,
        /// <summary>The server's status (403 unless given) whose message holds that JSON object escaped once more, with '/' written as '\/'.</summary>
        EchoEscapedJson,
        /// <summary>The server's status (403 unless given) whose message holds the headers URL-encoded, name=value&amp;…</summary>
        EchoUrlEncoded,
        /// <summary>The server's status (403 unless given) whose message holds the headers as a Python dict repr.</summary>
        EchoPythonRepr,
        /// <summary>The server's status (403 unless given) whose message holds the token and the signature as bare values.</summary>
        EchoBare,
        /// <summary>The server's status (403 unless given) whose x-amzn-ErrorType header and error code are the token itself.</summary>
        EchoErrorType,
        /// <summary>GetRestApis and GetResources answer a full page of new items and a new page token, forever; other lists are empty.</summary>
        EndlessPages,
        /// <summary>Accepts the request and never answers.</summary>
        Hang,
        /// <summary>Answers 200 with a large Content-Length and sends one byte every 200 ms.</summary>
        Drip,
        /// <summary>400 with a 10 MB error body.</summary>
        HugeErrorBody,
    }
}

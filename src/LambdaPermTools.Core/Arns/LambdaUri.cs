using System;

namespace LambdaPermTools.Arns
{
    /// <summary>
    /// An API Gateway Lambda integration or authorizer URI (docs/aws-rules.md §4.2):
    /// <c>arn:{partition}:apigateway:{region}:lambda:path/2015-03-31/functions/{FunctionArn}/invocations</c>.
    /// The function part is kept as text: it may hold <c>${stageVariables.x}</c> until a stage resolves it.
    /// </summary>
    public sealed class LambdaUri
    {
        private const string PathPrefix = "path/2015-03-31/functions/";
        private const string PathSuffix = "/invocations";

        private LambdaUri(string partition, string region, string functionReference)
        {
            Partition = partition;
            Region = region;
            FunctionReference = functionReference;
        }

        public string Partition { get; }

        /// <summary>The region in the URI prefix (for authorizers the function's region; not authoritative for integrations).</summary>
        public string Region { get; }

        /// <summary>The text between <c>functions/</c> and <c>/invocations</c>, stage variables not yet substituted.</summary>
        public string FunctionReference { get; }

        /// <summary>True when <paramref name="uri"/> is a Lambda URI; false for any other integration URI (HTTP, S3, SQS, …) or malformed text.</summary>
        public static bool TryParse(string? uri, out LambdaUri? result)
        {
            result = null;
            if (uri == null)
            {
                return false;
            }

            // arn : partition : apigateway : region : lambda : path/2015-03-31/functions/{fn}/invocations
            var parts = uri.Split(new[] { ':' }, 6);
            if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "apigateway" || parts[4] != "lambda"
                || !ArnSyntax.IsPartition(parts[1]) || !ArnSyntax.IsRegion(parts[3]))
            {
                return false;
            }

            var path = parts[5];
            if (!path.StartsWith(PathPrefix, StringComparison.Ordinal) || !path.EndsWith(PathSuffix, StringComparison.Ordinal)
                || path.Length <= PathPrefix.Length + PathSuffix.Length)
            {
                return false;
            }

            result = new LambdaUri(parts[1], parts[3], path.Substring(PathPrefix.Length, path.Length - PathPrefix.Length - PathSuffix.Length));
            return true;
        }

        /// <exception cref="ArnFormatException">The text is not a Lambda URI.</exception>
        public static LambdaUri Parse(string? uri) =>
            TryParse(uri, out var result) ? result! : throw new ArnFormatException(uri ?? "", "is not a Lambda URI: expected arn:{partition}:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations.");

        /// <summary>Defaults for a partial function reference: the URI's partition and region, the API owner's account.</summary>
        public FunctionDefaults DefaultsFor(string apiAccountId) => new FunctionDefaults(Partition, Region, apiAccountId);
    }
}

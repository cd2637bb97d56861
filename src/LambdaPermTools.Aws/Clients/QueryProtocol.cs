using System.Collections.Generic;
using System.Net.Http;
using LambdaPermTools.Aws.Http;

namespace LambdaPermTools.Aws.Clients
{
    /// <summary>The Query protocol of IAM and STS (docs/aws-rules.md §6.3): POST / with a form body, XML answers.</summary>
    internal static class QueryProtocol
    {
        /// <summary>An operation that changes nothing (GetRole, SimulatePrincipalPolicy, GetCallerIdentity): a POST, retried as a read.</summary>
        public static AwsRequest Read(string operation, string version, IEnumerable<KeyValuePair<string, string>> parameters)
        {
            var form = new List<KeyValuePair<string, string>>
            {
                new KeyValuePair<string, string>("Action", operation),
                new KeyValuePair<string, string>("Version", version),
            };
            form.AddRange(parameters);
            var request = new AwsRequest(operation, HttpMethod.Post) { IsRead = true };
            return request.WithBody(AwsRequest.EncodeQuery(form), "application/x-www-form-urlencoded; charset=utf-8");
        }
    }
}

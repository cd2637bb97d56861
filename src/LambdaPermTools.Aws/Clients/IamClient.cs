using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Aws.Http;
using LambdaPermTools.Aws.Ports;

namespace LambdaPermTools.Aws.Clients
{
    /// <summary>IAM through its partition's global endpoint (docs/aws-rules.md §6.3).</summary>
    internal sealed class IamClient : IIamPort
    {
        private const string Version = "2010-05-08";
        private const int MaxItems = 1000;
        private readonly ServiceCaller _caller;
        private readonly int _pageSize;

        public IamClient(ServiceCaller caller, int? pageSize)
        {
            _caller = caller;
            _pageSize = pageSize ?? MaxItems;
        }

        public async Task<string> GetRoleTrustPolicyAsync(string roleName, CancellationToken cancellationToken)
        {
            var request = QueryProtocol.Read("GetRole", Version, new[] { Pair("RoleName", RoleNameOf(roleName)) });
            var response = await _caller.SendAsync(request, cancellationToken).ConfigureAwait(false);
            // "Policies returned by this operation are URL-encoded compliant with RFC 3986."
            return ResponseReader.Xml(_caller, "GetRole", response, result =>
                Uri.UnescapeDataString(result.Child("Role")?.ChildValue("AssumeRolePolicyDocument") ?? throw new FormatException("no Role/AssumeRolePolicyDocument")));
        }

        public async Task<IReadOnlyDictionary<string, string>> SimulatePrincipalPolicyAsync(string policySourceArn, string actionName,
            IReadOnlyList<string> resourceArns, CancellationToken cancellationToken)
        {
            var results = await Pager.ReadAllAsync(_caller, "SimulatePrincipalPolicy", r => r.Key, async (marker, ct) =>
            {
                var parameters = new List<KeyValuePair<string, string>>
                {
                    Pair("PolicySourceArn", policySourceArn),
                    Pair("ActionNames.member.1", actionName),
                    Pair("MaxItems", _pageSize.ToString(CultureInfo.InvariantCulture)),
                };
                for (int i = 0; i < resourceArns.Count; i++)
                {
                    parameters.Add(Pair("ResourceArns.member." + (i + 1).ToString(CultureInfo.InvariantCulture), resourceArns[i]));
                }

                if (marker != null)
                {
                    parameters.Add(Pair("Marker", marker));
                }

                var response = await _caller.SendAsync(QueryProtocol.Read("SimulatePrincipalPolicy", Version, parameters), ct).ConfigureAwait(false);
                return ResponseReader.Xml(_caller, "SimulatePrincipalPolicy", response, result =>
                {
                    var items = (result.Child("EvaluationResults")?.Elements() ?? Enumerable.Empty<System.Xml.Linq.XElement>())
                        .Select(m => new KeyValuePair<string, string>(
                            m.ChildValue("EvalResourceName") ?? throw new FormatException("no EvalResourceName"),
                            m.ChildValue("EvalDecision") ?? throw new FormatException("no EvalDecision")))
                        .ToList();
                    bool truncated = string.Equals(result.ChildValue("IsTruncated"), "true", StringComparison.OrdinalIgnoreCase);
                    return new Page<KeyValuePair<string, string>>(items,
                        truncated ? result.ChildValue("Marker") ?? throw new FormatException("IsTruncated without Marker") : null, response.Bytes.Length);
                });
            }, cancellationToken).ConfigureAwait(false);

            var decisions = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var r in results)
            {
                decisions[r.Key] = r.Value;
            }

            return decisions;
        }

        /// <summary>GetRole takes a name: strip "arn:…:role/" and any path ("role/service-role/x" → "x").</summary>
        internal static string RoleNameOf(string roleNameOrArn)
        {
            string name = roleNameOrArn;
            int role = name.IndexOf(":role/", StringComparison.Ordinal);
            if (name.StartsWith("arn:", StringComparison.Ordinal) && role >= 0)
            {
                name = name.Substring(role + ":role/".Length);
            }

            int slash = name.LastIndexOf('/');
            return slash >= 0 ? name.Substring(slash + 1) : name;
        }

        private static KeyValuePair<string, string> Pair(string key, string value) => new KeyValuePair<string, string>(key, value);
    }
}

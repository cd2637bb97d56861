using System;
using System.Collections.Generic;
using System.Linq;

namespace LambdaPermTools.Requests
{
    /// <summary>
    /// Counts failed requests into one <see cref="PermissionFailure"/> per distinct (API, stage, canary, kind, method,
    /// function), with first and last time and up to five request ids, in the order first seen.
    /// </summary>
    public sealed class FailureTally
    {
        public const int RequestIdsKept = 5;

        private readonly Dictionary<string, PermissionFailure> _byTarget = new Dictionary<string, PermissionFailure>(StringComparer.Ordinal);
        private readonly List<PermissionFailure> _order = new List<PermissionFailure>();

        public IReadOnlyList<PermissionFailure> Failures => _order;

        public void Add(FailedRequest request, string restApiId, string stageName, bool canary, string logGroupName)
        {
            var key = string.Join("\n", restApiId, stageName, canary, request.Kind, request.HttpMethod, request.ResourcePath, request.FunctionArn);
            if (!_byTarget.TryGetValue(key, out var failure))
            {
                failure = new PermissionFailure
                {
                    RestApiId = restApiId,
                    StageName = stageName,
                    Canary = canary,
                    LogGroupName = logGroupName,
                    Kind = request.Kind,
                    HttpMethod = request.HttpMethod,
                    ResourcePath = request.ResourcePath,
                    RequestPath = request.RequestPath,
                    FunctionArn = request.FunctionArn,
                };
                _byTarget[key] = failure;
                _order.Add(failure);
            }

            failure.Count++;
            if (request.Time is DateTimeOffset time)
            {
                failure.FirstSeen = failure.FirstSeen is DateTimeOffset first && first <= time ? first : time;
                failure.LastSeen = failure.LastSeen is DateTimeOffset last && last >= time ? last : time;
            }

            if (failure.RequestIds.Length < RequestIdsKept && request.RequestId.Length > 0 && !failure.RequestIds.Contains(request.RequestId))
            {
                failure.RequestIds = failure.RequestIds.Concat(new[] { request.RequestId }).ToArray();
            }
        }
    }
}

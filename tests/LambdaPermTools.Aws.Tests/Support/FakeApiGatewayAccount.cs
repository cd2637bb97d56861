using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace LambdaPermTools.Aws.Tests.Support
{
    /// <summary>
    /// An API Gateway control plane with several REST APIs, served by <see cref="LocalAwsServer"/> the way AWS serves it
    /// (docs/aws-rules.md §6.1): lists under "item", paged by limit/position, JSON only with Accept: application/json,
    /// HAL otherwise.
    /// </summary>
    internal sealed class FakeApiGatewayAccount
    {
        private readonly int _apis;
        private readonly int _resources;
        private readonly int _authorizers;

        public FakeApiGatewayAccount(int apis, int resourcesPerApi, int authorizersPerApi)
        {
            _apis = apis;
            _resources = resourcesPerApi;
            _authorizers = authorizersPerApi;
        }

        public static string ApiId(int i) => "api" + i.ToString("D4");

        public Reply Handle(ReceivedRequest r)
        {
            string[] path = r.RawPath.Trim('/').Split('/');
            if (r.Method != "GET" || path[0] != "restapis")
            {
                return Reply.RestJsonError(404, "NotFoundException", "no route " + r.RawPath);
            }

            bool json = r.Header("Accept") == "application/json";
            if (path.Length == 1)
            {
                return Paged(r, Enumerable.Range(0, _apis).Select(i => (object)new { id = ApiId(i), name = "api " + i }), json);
            }

            int api = int.Parse(path[1][3..]);
            if (api >= _apis)
            {
                return Reply.RestJsonError(404, "NotFoundException", "Invalid API identifier specified");
            }

            switch (path.Length == 2 ? "" : path[2])
            {
                case "resources":
                    if (r.QueryValue("embed") != "methods")
                    {
                        return Reply.RestJsonError(400, "BadRequestException", "embed must be methods");
                    }

                    return Paged(r, Enumerable.Range(0, _resources).Select(i => Resource(api, i)), json);
                case "authorizers":
                    return Paged(r, Enumerable.Range(0, _authorizers).Select(i => (object)new
                    {
                        id = "auth" + i,
                        name = "authorizer " + i,
                        type = "TOKEN",
                        authorizerUri = $"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:111122223333:function:auth{i}/invocations",
                    }), json);
                case "stages" when path.Length == 3:
                    return Reply.Json(JsonSerializer.Serialize(new { item = new[] { new { stageName = "prod", deploymentId = "d" + api, variables = new Dictionary<string, string> { ["fn"] = "fn" + api } } } }));
                default:
                    return Reply.RestJsonError(404, "NotFoundException", "no route " + r.RawPath);
            }
        }

        private static object Resource(int api, int i) => new
        {
            id = $"r{api}x{i}",
            path = i == 0 ? "/" : "/items/" + i,
            resourceMethods = new Dictionary<string, object>
            {
                ["GET"] = new
                {
                    httpMethod = "GET",
                    authorizationType = i % 2 == 0 ? "CUSTOM" : "NONE",
                    authorizerId = i % 2 == 0 ? "auth0" : null,
                    methodIntegration = new { type = "AWS_PROXY", httpMethod = "POST", uri = $"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:111122223333:function:fn{api}-{i}/invocations" },
                },
            },
        };

        /// <summary>limit (default 25) and position; position is the next offset.</summary>
        private static Reply Paged(ReceivedRequest r, IEnumerable<object> all, bool json)
        {
            var items = all.ToList();
            int limit = int.Parse(r.QueryValue("limit") ?? "25");
            int offset = r.QueryValue("position") is string p ? int.Parse(p[4..]) : 0;
            var page = items.Skip(offset).Take(limit).ToList();
            string? next = offset + limit < items.Count ? "pos-" + (offset + limit) : null;
            if (!json)
            {
                return Reply.Json(JsonSerializer.Serialize(new { _links = new { self = new { href = r.RawPath } }, _embedded = new { item = page } }));
            }

            return Reply.Json(next == null ? JsonSerializer.Serialize(new { item = page }) : JsonSerializer.Serialize(new { item = page, position = next }));
        }
    }
}

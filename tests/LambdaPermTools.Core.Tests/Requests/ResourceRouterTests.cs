using System.Linq;
using LambdaPermTools.Apis;
using LambdaPermTools.Requests;

namespace LambdaPermTools.Tests.Requests
{
    /// <summary>Matching a request path and verb against a stage's resources as API Gateway does.</summary>
    public class ResourceRouterTests
    {
        private static readonly ApiResource[] Resources =
        {
            Resource("r0", "/", "GET"),
            Resource("r1", "/pets", "GET", "POST"),
            Resource("r2", "/pets/{petId}", "GET", "ANY"),
            Resource("r3", "/pets/mine", "GET"),
            Resource("r4", "/pets/{petId}/toys", "PUT"),
            Resource("r5", "/{proxy+}", "ANY"),
            Resource("r6", "/files/{key}", "GET"),
            Resource("r7", "/caf\u00e9", "GET"),
        };

        [Theory]
        [InlineData("/", "GET", "/", "GET")] // the root is its own resource
        [InlineData("/pets", "GET", "/pets", "GET")]
        [InlineData("/pets/", "POST", "/pets", "POST")] // a trailing slash is ignored
        [InlineData("/pets/mine", "GET", "/pets/mine", "GET")] // a literal beats {param}
        [InlineData("/pets/42", "GET", "/pets/{petId}", "GET")] // {param} beats {proxy+}
        [InlineData("/pets/42", "DELETE", "/pets/{petId}", "ANY")] // no DELETE: ANY serves it
        [InlineData("/pets/mine/toys", "PUT", "/pets/{petId}/toys", "PUT")] // the literal branch leads nowhere: {param} is tried
        [InlineData("/pets/42/toys/1", "GET", "/{proxy+}", "ANY")] // nothing deeper: the greedy parameter
        [InlineData("/anything/at/all", "PATCH", "/{proxy+}", "ANY")]
        public void MatchesAsApiGatewayDoes(string path, string verb, string resourcePath, string method)
        {
            var match = ResourceRouter.Match(Resources, Segments(path), verb);
            Assert.True(match.Found);
            Assert.Equal(resourcePath, match.Resource!.Path);
            Assert.Equal(method, match.Method!.HttpMethod);
        }

        [Theory] // URL-encoded segments are compared decoded; an encoded slash stays inside its segment
        [InlineData("/caf%C3%A9", "r7")]
        [InlineData("/files/a%2Fb", "r6")]
        public void EncodedSegmentsAreDecoded(string path, string resourceId)
        {
            var url = RequestUrl.Parse("https://abcdef1234.execute-api.us-east-1.amazonaws.com/prod" + path);
            var match = ResourceRouter.Match(Resources, url.Segments.Skip(1).ToList(), "GET");
            Assert.Equal(resourceId, match.Resource!.Id);
        }

        [Fact] // {proxy+} never matches the root: without a root method there is no route
        public void GreedyDoesNotMatchRoot()
        {
            var match = ResourceRouter.Match(new[] { Resource("p", "/{proxy+}", "ANY") }, Segments("/"), "GET");
            Assert.False(match.Found);
            Assert.Equal("Resource: no resource matches /", Assert.Single(match.Trace));
        }

        [Fact] // a resource without the verb and without ANY: not found, naming that resource's methods
        public void VerbWithoutMethodIsNotFound()
        {
            var match = ResourceRouter.Match(Resources, Segments("/pets/mine"), "POST");
            Assert.False(match.Found);
            Assert.Equal(new[] { "GET /pets/mine" }, match.Nearest);
            Assert.Contains("has neither POST nor ANY", match.Trace.Last());
        }

        [Fact] // nothing matches: the nearest resources by shared leading segments
        public void NearestResourcesAreNamed()
        {
            var resources = new[] { Resource("a", "/pets", "GET"), Resource("b", "/pets/{id}", "GET", "PUT"), Resource("c", "/users", "GET") };
            var match = ResourceRouter.Match(resources, Segments("/pets/1/toys"), "GET");
            Assert.False(match.Found);
            Assert.Equal(new[] { "GET|PUT /pets/{id}", "GET /pets", "GET /users" }, match.Nearest);
        }

        [Fact]
        public void TraceNamesResourceAndMethod()
        {
            var match = ResourceRouter.Match(Resources, Segments("/pets/42"), "DELETE");
            Assert.Equal(new[]
            {
                "Resource: /pets/42 matches /pets/{petId} (resource r2)",
                "Method: /pets/{petId} has no DELETE method, so ANY serves it",
            }, match.Trace);
        }

        internal static ApiResource Resource(string id, string path, params string[] verbs) =>
            new ApiResource { Id = id, Path = path, Methods = verbs.Select(v => new ApiMethod { HttpMethod = v }).ToArray() };

        private static string[] Segments(string path) => RequestUrl.Parse("https://example.com" + path).Segments.ToArray();
    }
}

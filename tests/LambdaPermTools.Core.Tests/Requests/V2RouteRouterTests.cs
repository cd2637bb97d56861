using System.Linq;
using LambdaPermTools.Apis;
using LambdaPermTools.Requests;

namespace LambdaPermTools.Tests.Requests
{
    /// <summary>HTTP API stage and route selection (docs/aws-rules.md §8), starting from AWS's own example of routes.</summary>
    public class V2RouteRouterTests
    {
        private static readonly V2Route[] Documented = Routes("GET /pets/dog/{id}", "GET /pets/{proxy+}", "ANY /{proxy+}", "$default");

        private static V2Route[] Routes(params string[] keys) => keys.Select(k => new V2Route { RouteKey = k }).ToArray();

        private static string[] Selected(V2Route[] routes, string verb, string path) =>
            V2RouteRouter.Match(routes, path.Split('/').Where(s => s.Length > 0).ToArray(), verb).Routes.Select(r => r.RouteKey).ToArray();

        [Theory] // the documentation's table: full match, then a greedy variable with the request's method, then ANY's
        [InlineData("GET", "/pets/dog/1", "GET /pets/dog/{id}")]
        [InlineData("GET", "/pets/cat/1", "GET /pets/{proxy+}")]
        [InlineData("POST", "/test/5", "ANY /{proxy+}")]
        [InlineData("DELETE", "/", "$default")]
        public void SelectsAsTheDocumentationShows(string verb, string path, string route) =>
            Assert.Equal(new[] { route }, Selected(Documented, verb, path));

        [Theory] // within a tier: the request's own method before ANY, a literal segment before a parameter, a longer greedy prefix first
        [InlineData("GET", "/pets", "GET /pets", "ANY /pets")]
        [InlineData("GET", "/pets/mine", "GET /pets/mine", "GET /pets/{id}")]
        [InlineData("GET", "/a/b/c", "GET /a/{proxy+}", "GET /{proxy+}")]
        public void TheMoreSpecificRouteWins(string verb, string path, string winner, string loser) =>
            Assert.Equal(new[] { winner }, Selected(Routes(loser, winner), verb, path));

        [Fact] // own method with a parameter against ANY with the literal: undocumented, so both are judged and the trace says so
        public void AnUndocumentedTieReturnsEveryRouteInIt()
        {
            var match = V2RouteRouter.Match(Routes("GET /pets/{id}", "ANY /pets/mine"), new[] { "pets", "mine" }, "GET");
            Assert.Equal(new[] { "ANY /pets/mine", "GET /pets/{id}" }, match.Routes.Select(r => r.RouteKey));
            Assert.Contains("each is judged", Assert.Single(match.Trace));
        }

        [Fact] // a greedy variable takes at least one segment; nothing else catches the request and there is no $default route
        public void NoRouteNamesTheNearest()
        {
            var match = V2RouteRouter.Match(Routes("GET /pets/{proxy+}", "POST /pets", "GET /users"), new[] { "pets" }, "GET");
            Assert.False(match.Found);
            Assert.Equal("POST /pets", match.Nearest[0]);
            Assert.Contains("no $default route", Assert.Single(match.Trace));
        }

        [Theory] // a stage the first segment names, else $default with the whole path, else none
        [InlineData("/prod/pets/1", "prod", "/pets/1")]
        [InlineData("/pets/1", "$default", "/pets/1")]
        [InlineData("/", "$default", "/")]
        public void PicksTheStage(string path, string stage, string rest)
        {
            var url = RequestUrl.Parse("https://h1t2p3q4r5.execute-api.us-east-1.amazonaws.com" + path);
            var pick = V2RouteRouter.PickStage(url, new[] { new V2Stage { StageName = "prod" }, new V2Stage { StageName = "$default" } });
            Assert.Equal((stage, rest), (pick!.Stage, RequestUrl.PathOf(pick.Segments)));
            Assert.Contains("HTTP API h1t2p3q4r5", pick.Trace[0]);
        }

        [Fact]
        public void WithoutADefaultStageAnUnnamedStageReachesNothing() =>
            Assert.Null(V2RouteRouter.PickStage(RequestUrl.Parse("https://h1t2p3q4r5.execute-api.us-east-1.amazonaws.com/dev/pets"), new[] { new V2Stage { StageName = "prod" } }));
    }
}

using System.Linq;
using LambdaPermTools.FaultProxy;

namespace LambdaPermTools.FaultProxy.Tests
{
    // Published quotas: docs/aws-rules.md §6.1 (GetResources 5 per 2 s; total 10 rps burst 40) and §6.2 (Lambda 15 rps).
    public class RateLimiterTests
    {
        private double now;

        private RateLimiter NewLimiter() => new(PublishedQuotas.All, () => now);

        private static AwsOperation Op(string service, string name, string holder = "AKID/us-east-1") => new(service, name, holder);

        [Fact]
        public void GetResourcesAllowsFiveThenOneEveryFourHundredMilliseconds()
        {
            var limiter = NewLimiter();

            var firstFive = Enumerable.Range(0, 5).Select(_ => limiter.TryAdmit(Op("apigateway", "GetResources"))).ToList();
            var sixth = limiter.TryAdmit(Op("apigateway", "GetResources"));
            now = 0.4;
            var afterWait = limiter.TryAdmit(Op("apigateway", "GetResources"));

            Assert.All(firstFive, wait => Assert.Equal(0, wait));
            Assert.Equal(0.4, sixth, 6);
            Assert.Equal(0, afterWait);
        }

        [Fact]
        public void AllApiGatewayCallsShareTheTotalBurstOfFortyThenTenPerSecond()
        {
            var limiter = NewLimiter();

            var admitted = Enumerable.Range(0, 50).Count(_ => limiter.TryAdmit(Op("apigateway", "GetStages")) == 0);
            now = 1.0;
            var afterOneSecond = Enumerable.Range(0, 50).Count(_ => limiter.TryAdmit(Op("apigateway", "GetAuthorizers")) == 0);

            Assert.Equal(40, admitted);
            Assert.Equal(10, afterOneSecond);
        }

        [Fact]
        public void AGetResourcesRejectedByItsOwnQuotaDoesNotSpendTheTotal()
        {
            var limiter = NewLimiter();
            for (var i = 0; i < 20; i++)
            {
                limiter.TryAdmit(Op("apigateway", "GetResources"));
            }

            var others = Enumerable.Range(0, 50).Count(_ => limiter.TryAdmit(Op("apigateway", "GetStages")) == 0);

            Assert.Equal(35, others);
        }

        [Fact]
        public void LambdaGetPolicyAndAddPermissionHaveSeparateFifteenPerSecondQuotas()
        {
            var limiter = NewLimiter();

            var policies = Enumerable.Range(0, 20).Count(_ => limiter.TryAdmit(Op("lambda", "GetPolicy")) == 0);
            var grants = Enumerable.Range(0, 20).Count(_ => limiter.TryAdmit(Op("lambda", "AddPermission")) == 0);
            var functions = Enumerable.Range(0, 120).Count(_ => limiter.TryAdmit(Op("lambda", "GetFunction")) == 0);

            Assert.Equal(15, policies);
            Assert.Equal(15, grants);
            Assert.Equal(100, functions);
        }

        [Fact]
        public void EachAccountHasItsOwnQuota()
        {
            var limiter = NewLimiter();
            for (var i = 0; i < 5; i++)
            {
                limiter.TryAdmit(Op("apigateway", "GetResources", "AKID1/us-east-1"));
            }

            Assert.True(limiter.TryAdmit(Op("apigateway", "GetResources", "AKID1/us-east-1")) > 0);
            Assert.Equal(0, limiter.TryAdmit(Op("apigateway", "GetResources", "AKID2/us-east-1")));
        }

        [Fact]
        public void IamAndStsAreNotLimitedBecauseNoRateIsPublished()
        {
            var limiter = NewLimiter();

            Assert.All(Enumerable.Range(0, 200), _ => Assert.Equal(0, limiter.TryAdmit(Op("sts", "GetCallerIdentity"))));
        }

        [Fact]
        public void ResetRefillsTheBuckets()
        {
            var limiter = NewLimiter();
            for (var i = 0; i < 5; i++)
            {
                limiter.TryAdmit(Op("apigateway", "GetResources"));
            }

            limiter.Reset();

            Assert.Equal(0, limiter.TryAdmit(Op("apigateway", "GetResources")));
        }

        [Theory]
        [InlineData(40, 2.5, 5, 14.0)]
        [InlineData(5, 2.5, 5, 0.0)]
        [InlineData(300, 15, 15, 19.0)]
        public void FloorIsTheTimeBeyondTheBurstAtTheSustainedRate(long requests, double rate, double burst, double expected)
        {
            Assert.Equal(expected, ProxyStats.FloorSeconds(requests, rate, burst), 6);
        }

        [Fact]
        public void QuotaFloorsCountEachCallUnderEveryQuotaThatCoversIt()
        {
            var calls = new System.Collections.Generic.Dictionary<string, long>
            {
                ["apigateway:GetResources"] = 40,
                ["apigateway:GetStages"] = 40,
                ["apigateway:GetAuthorizers"] = 40,
                ["apigateway:GetRestApis"] = 1,
                ["lambda:GetPolicy"] = 300,
                ["lambda:GetFunction"] = 100,
                ["sts:GetCallerIdentity"] = 1,
            };

            var floors = ProxyStats.QuotaFloors(PublishedQuotas.All, calls).ToDictionary(q => q.Name);

            Assert.Equal(14.0, floors["apigateway:GetResources"].FloorSeconds, 6);
            Assert.Equal(121, floors["apigateway:Total"].Requests);
            Assert.Equal(8.1, floors["apigateway:Total"].FloorSeconds, 6);
            Assert.Equal(19.0, floors["lambda:GetPolicy"].FloorSeconds, 6);
            Assert.Equal(0.0, floors["lambda:GetFunction"].FloorSeconds, 6);
            Assert.Equal(0, floors["lambda:ControlPlane"].Requests);
        }
    }
}

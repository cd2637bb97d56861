using System.Collections.Generic;
using System.Linq;
using LambdaPermTools.FaultProxy;

namespace LambdaPermTools.FaultProxy.Tests
{
    public class FaultPlanTests
    {
        private static readonly string[] Requests = Enumerable.Range(0, 4000).Select(i => $"GET /2015-03-31/functions/fn-{i}/policy").ToArray();

        [Fact]
        public void SameSeedGivesTheSameFaultsWhateverTheArrivalOrder()
        {
            var forward = new FaultPlan(7, 0.2, 0.05, 0.05, int.MaxValue);
            var backward = new FaultPlan(7, 0.2, 0.05, 0.05, int.MaxValue);

            var a = Requests.ToDictionary(r => r, forward.Decide);
            var b = Requests.Reverse().ToDictionary(r => r, backward.Decide);

            Assert.All(Requests, r => Assert.Equal(a[r], b[r]));
        }

        [Fact]
        public void AnotherSeedGivesOtherFaults()
        {
            var one = new FaultPlan(1, 0.2, 0.05, 0.05, int.MaxValue);
            var two = new FaultPlan(2, 0.2, 0.05, 0.05, int.MaxValue);

            Assert.Contains(Requests, r => one.Decide(r) != two.Decide(r));
        }

        [Fact]
        public void RatesAreMetWithinSamplingError()
        {
            var plan = new FaultPlan(3, 0.2, 0.05, 0.05, int.MaxValue);

            var counts = Requests.Select(plan.Decide).GroupBy(f => f).ToDictionary(g => g.Key, g => g.Count() / (double)Requests.Length);

            Assert.InRange(counts[FaultKind.Throttle], 0.18, 0.22);
            Assert.InRange(counts[FaultKind.ServerError], 0.04, 0.06);
            Assert.InRange(counts[FaultKind.Reset], 0.04, 0.06);
        }

        [Fact]
        public void ARetriedRequestMeetsAFreshDrawEachTime()
        {
            var plan = new FaultPlan(5, 0.5, 0, 0, int.MaxValue);

            var attempts = Enumerable.Range(0, 40).Select(_ => plan.Decide("GET /restapis")).ToList();

            Assert.Contains(FaultKind.Throttle, attempts);
            Assert.Contains(FaultKind.None, attempts);
        }

        [Fact]
        public void NoRequestIsFaultedMoreThanTheLimitInARow()
        {
            var plan = new FaultPlan(11, 0.9, 0, 0, 2);

            foreach (var request in Requests.Take(200))
            {
                var run = new List<FaultKind> { plan.Decide(request), plan.Decide(request), plan.Decide(request) };
                Assert.Contains(FaultKind.None, run);
            }
        }

        [Fact]
        public void ResetReplaysTheSameFaults()
        {
            var plan = new FaultPlan(13, 0.3, 0.1, 0.1, int.MaxValue);
            var first = Requests.Take(100).Select(plan.Decide).ToList();

            plan.Reset();
            var second = Requests.Take(100).Select(plan.Decide).ToList();

            Assert.Equal(first, second);
        }

        [Fact]
        public void RatesAboveOneInTotalAreRejected()
        {
            Assert.Throws<System.ArgumentOutOfRangeException>(() => new FaultPlan(0, 0.8, 0.2, 0.1, 1));
        }
    }
}

using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Aws.Http;

#pragma warning disable SYSLIB0014 // ServicePointManager is obsolete on .NET, but it is the .NET Framework API under test

namespace LambdaPermTools.Aws.Tests
{
    /// <summary>
    /// Windows PowerShell 5.1 networking set-up (TLS 1.2, connections per host). Only its decisions and the service-point
    /// handler can run here: ServicePointManager exists on .NET but its HttpClient ignores it, and no .NET Framework is at hand.
    /// </summary>
    public class NetFrameworkConnectionsTests
    {
        [Theory]
        [InlineData(SecurityProtocolType.Tls, SecurityProtocolType.Tls | SecurityProtocolType.Tls12)]
#pragma warning disable CS0618, SYSLIB0039 // Ssl3 and Tls 1.0/1.1 are obsolete: exactly what an old process may still allow, and must keep.
        [InlineData(SecurityProtocolType.Ssl3 | SecurityProtocolType.Tls, SecurityProtocolType.Ssl3 | SecurityProtocolType.Tls | SecurityProtocolType.Tls12)]
        [InlineData(SecurityProtocolType.Tls11, SecurityProtocolType.Tls11 | SecurityProtocolType.Tls12)]
#pragma warning restore CS0618, SYSLIB0039
        [InlineData(SecurityProtocolType.Tls12, SecurityProtocolType.Tls12)]
        [InlineData(SecurityProtocolType.Tls13, SecurityProtocolType.Tls13 | SecurityProtocolType.Tls12)]
        public void Tls12IsAddedAndNothingTheProcessAllowsIsTaken(SecurityProtocolType before, SecurityProtocolType after)
        {
            Assert.Equal(after, NetFrameworkConnections.WithTls12(before));
        }

        [Fact]
        public void SystemDefaultIsLeftToTheOperatingSystem()
        {
            Assert.Equal(SecurityProtocolType.SystemDefault, NetFrameworkConnections.SystemDefault);
            Assert.Equal(SecurityProtocolType.SystemDefault, NetFrameworkConnections.WithTls12(SecurityProtocolType.SystemDefault));
        }

        [Theory]
        [InlineData(2, 8, 8)]
        [InlineData(8, 8, 8)]
        [InlineData(50, 8, 50)]
        public void ConnectionLimitIsOnlyRaised(int current, int wanted, int expected)
        {
            Assert.Equal(expected, NetFrameworkConnections.RaisedLimit(current, wanted));
        }

        [Fact]
        public void OnThisRuntimeTheHandlerAndProcessSettingsStayAsTheyAre()
        {
            using var handler = new HttpClientHandler();
            SecurityProtocolType before = ServicePointManager.SecurityProtocol;
            Assert.Same(handler, NetFrameworkConnections.Adapt(handler, 8));
            Assert.Equal(before, ServicePointManager.SecurityProtocol);
        }

        [Fact]
        public async Task HandlerRaisesTheLimitOfTheHostsItSendsToAndNoOther()
        {
            var used = new Uri("https://lambda.eu-west-3.amazonaws.com/2015-03-31/functions/f/policy");
            var other = new Uri("https://apigateway.ap-south-2.amazonaws.com/restapis");
            ServicePointManager.FindServicePoint(used).ConnectionLimit = 2;
            ServicePointManager.FindServicePoint(other).ConnectionLimit = 2;

            using var invoker = new HttpMessageInvoker(new ServicePointLimitHandler(new Answer(), 8));
            using var response = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, used), CancellationToken.None);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(8, ServicePointManager.FindServicePoint(used).ConnectionLimit);
            Assert.Equal(2, ServicePointManager.FindServicePoint(other).ConnectionLimit);
        }

        private sealed class Answer : HttpMessageHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
                Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }
}

using LambdaPermTools.Requests;

namespace LambdaPermTools.Tests.Requests
{
    public class RequestUrlTests
    {
        [Theory]
        [InlineData("https://abcdef1234.execute-api.us-east-1.amazonaws.com/prod/pets", "abcdef1234", "us-east-1", "aws", "")]
        [InlineData("https://abcdef1234.execute-api.cn-north-1.amazonaws.com.cn/prod", "abcdef1234", "cn-north-1", "aws-cn", "")]
        [InlineData("https://abcdef1234.execute-api.us-gov-west-1.amazonaws.com/prod", "abcdef1234", "us-gov-west-1", "aws-us-gov", "")]
        [InlineData("https://abcdef1234-vpce-0123456789abcdef0.execute-api.eu-west-1.amazonaws.com/prod", "abcdef1234", "eu-west-1", "aws", "vpce-0123456789abcdef0")]
        [InlineData("https://ABCDEF1234.EXECUTE-API.us-east-1.amazonaws.com:443/prod", "abcdef1234", "us-east-1", "aws", "")]
        public void ExecuteApiHostsNameApiRegionAndPartition(string url, string api, string region, string partition, string vpce)
        {
            var parsed = RequestUrl.Parse(url);
            Assert.Equal(RequestHostKind.ExecuteApi, parsed.Kind);
            Assert.Equal(api, parsed.ApiId);
            Assert.Equal(region, parsed.Region);
            Assert.Equal(partition, parsed.Partition);
            Assert.Equal(vpce, parsed.VpcEndpointId);
        }

        [Theory]
        [InlineData("https://api.example.com/v1/pets")]
        [InlineData("https://abcdef1234.execute-api.us-east-1.example.org/prod")] // looks alike, other suffix
        public void OtherHostsAreCustomDomains(string url) =>
            Assert.Equal(RequestHostKind.CustomDomain, RequestUrl.Parse(url).Kind);

        [Theory]
        [InlineData("")]
        [InlineData("abcdef1234.execute-api.us-east-1.amazonaws.com/prod")]
        [InlineData("/prod/pets")]
        [InlineData("http://api.example.com/pets")]
        [InlineData("ftp://api.example.com/pets")]
        public void OnlyAbsoluteHttpsUrls(string url) =>
            Assert.Throws<RequestFormatException>(() => RequestUrl.Parse(url));

        [Fact]
        public void SegmentsDropEmptyOnesAndQuery()
        {
            var parsed = RequestUrl.Parse("https://api.example.com//v1/pets/?limit=3#x");
            Assert.Equal(new[] { "v1", "pets" }, parsed.Segments);
        }

        [Theory]
        [InlineData("get", "GET")]
        [InlineData(" Patch ", "PATCH")]
        public void VerbsAreUpperCased(string verb, string expected) => Assert.Equal(expected, HttpVerbs.Normalize(verb));

        [Theory]
        [InlineData("ANY")] // a method key, not a verb a request can use
        [InlineData("FETCH")]
        [InlineData("")]
        public void OtherVerbsAreRefused(string verb) => Assert.Throws<RequestFormatException>(() => HttpVerbs.Normalize(verb));
    }
}

using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Aws.Tests.Support;

namespace LambdaPermTools.Aws.Tests
{
    /// <summary>
    /// The deeper diagnosis reads (ListAliases, ListVersionsByFunction) and the RevisionId for a function without a policy
    /// (GetFunction's Configuration.RevisionId, GetAlias's) against moto, as far as moto has them (one page; moto's
    /// GetFunction gives no RevisionId, and its policy RevisionId is its own: see tests/Pester/EndToEnd.Moto.Tests.ps1).
    /// </summary>
    [Collection("moto")]
    public class MotoQualifierTests
    {
        private readonly MotoServer _moto;
        public MotoQualifierTests(MotoServer moto) => _moto = moto;

        [Fact]
        public async Task ListsAliasesAndPublishedVersionsAndReadsTheirRevisionIds()
        {
            string fn = "fn-" + Guid.NewGuid().ToString("N")[..8];
            _moto.Setup($@"
function('{fn}')
v = lam.publish_version(FunctionName='{fn}')['Version']
lam.create_alias(FunctionName='{fn}', Name='live', FunctionVersion=v)
out['v'] = v
");
            using var env = new TestEnvironment();
            using var services = _moto.Connect(env);
            var lambda = services.Lambda("us-east-1");

            Assert.Equal(new[] { "live" }, (await lambda.ListAliasesAsync(fn, CancellationToken.None)).Select(a => a.Name));
            var versions = await lambda.ListVersionsAsync(fn, CancellationToken.None);
            Assert.DoesNotContain("$LATEST", versions);
            Assert.Equal(new[] { "1" }, versions.ToArray());

            // moto deviation: its GetFunction Configuration has no RevisionId (Lambda's has); GetAlias's has one. The
            // no-policy RevisionId path is covered against the in-memory fakes (tests/Pester/Policy.Tests.ps1).
            Assert.Null(await lambda.GetRevisionIdAsync(fn, null, CancellationToken.None));
            Assert.False(string.IsNullOrEmpty(await lambda.GetRevisionIdAsync(fn, "live", CancellationToken.None)));
            var missing = await Assert.ThrowsAsync<AwsServiceException>(() => lambda.GetRevisionIdAsync(fn, "nosuchalias", CancellationToken.None));
            Assert.Equal(AwsErrorKind.NotFound, missing.Kind);
        }
    }
}

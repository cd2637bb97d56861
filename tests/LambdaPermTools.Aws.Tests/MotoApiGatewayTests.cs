using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Aws.Tests.Support;

namespace LambdaPermTools.Aws.Tests
{
    /// <summary>API Gateway reads against moto (docs/aws-rules.md §6.1). moto does not page, so paging is covered in LocalServerTests.</summary>
    [Collection("moto")]
    public class MotoApiGatewayTests
    {
        private readonly MotoServer _moto;
        public MotoApiGatewayTests(MotoServer moto) => _moto = moto;

        [Fact]
        public async Task ReadsApisResourcesWithEmbeddedIntegrationsAuthorizersAndStages()
        {
            string name = "api-" + Guid.NewGuid().ToString("N")[..8];
            var state = _moto.Setup($@"
fn = function('{name}-fn')
uri = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/' + fn + '/invocations'
api = apigw.create_rest_api(name='{name}')['id']
root = [r for r in apigw.get_resources(restApiId=api)['items'] if r['path'] == '/'][0]['id']
auth = apigw.create_authorizer(restApiId=api, name='tok', type='TOKEN', authorizerUri=uri, authorizerCredentials='arn:aws:iam::123456789012:role/invoker', identitySource='method.request.header.Authorization')['id']
pets = apigw.create_resource(restApiId=api, parentId=root, pathPart='pets')['id']
pet = apigw.create_resource(restApiId=api, parentId=pets, pathPart='{{id}}')['id']
apigw.put_method(restApiId=api, resourceId=pet, httpMethod='GET', authorizationType='CUSTOM', authorizerId=auth)
apigw.put_integration(restApiId=api, resourceId=pet, httpMethod='GET', type='AWS_PROXY', integrationHttpMethod='POST', uri=uri, credentials='arn:aws:iam::123456789012:role/invoker')
apigw.create_deployment(restApiId=api, stageName='prod', variables={{'alias': 'live'}})
out.update(api=api, fn=fn, uri=uri, auth=auth, pet=pet)
");
            string api = state.GetProperty("api").GetString()!;
            using var env = new TestEnvironment();
            using var services = _moto.Connect(env);
            var gw = services.ApiGateway;

            var apis = await gw.GetRestApisAsync(CancellationToken.None);
            Assert.Contains(apis, a => a.Id == api && a.Name == name);

            var resources = await gw.GetResourcesAsync(api, CancellationToken.None);
            Assert.Equal(new[] { "/", "/pets", "/pets/{id}" }, resources.Select(r => r.Path).OrderBy(p => p, StringComparer.Ordinal));
            var get = resources.Single(r => r.Path == "/pets/{id}").Methods.Single();
            Assert.Equal("GET", get.HttpMethod);
            Assert.Equal("CUSTOM", get.AuthorizationType);
            Assert.Equal(state.GetProperty("auth").GetString(), get.AuthorizerId);
            Assert.Equal("AWS_PROXY", get.Integration!.Type);
            Assert.Equal(state.GetProperty("uri").GetString(), get.Integration.Uri);
            Assert.Equal("arn:aws:iam::123456789012:role/invoker", get.Integration.Credentials);

            var authorizer = Assert.Single(await gw.GetAuthorizersAsync(api, CancellationToken.None));
            Assert.Equal(("tok", "TOKEN", "arn:aws:iam::123456789012:role/invoker"), (authorizer.Name, authorizer.Type, authorizer.AuthorizerCredentials));
            Assert.Equal(state.GetProperty("uri").GetString(), authorizer.AuthorizerUri);

            var stage = Assert.Single(await gw.GetStagesAsync(api, CancellationToken.None));
            Assert.Equal("prod", stage.StageName);
            Assert.False(string.IsNullOrEmpty(stage.DeploymentId));
            Assert.Equal("live", stage.Variables["alias"]);
        }

        [Fact]
        public async Task MissingApiIsNotFound()
        {
            using var env = new TestEnvironment();
            using var services = _moto.Connect(env);
            var ex = await Assert.ThrowsAsync<AwsServiceException>(() => services.ApiGateway.GetResourcesAsync("nosuchapi", CancellationToken.None));
            Assert.Equal(AwsErrorKind.NotFound, ex.Kind);
            Assert.Equal("NotFoundException", ex.ErrorCode);
            Assert.Equal(404, ex.StatusCode);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using LambdaPermTools.Apis;
using LambdaPermTools.Targets;
using LambdaPermTools.Tests.Support;
using static LambdaPermTools.Tests.Support.TestApi;

namespace LambdaPermTools.Tests.Apis
{
    /// <summary>docs/aws-rules.md §4.5: a stage's export (oas30, extensions=apigateway) read into the deployment it serves, and targets resolved from it.</summary>
    public class OpenApiExportReaderTests
    {
        // The shape API Gateway exports: lower-case operation keys and types, ANY as x-amazon-apigateway-any-method,
        // authorizers as security schemes named by the authorizer's name, no ids anywhere.
        private static readonly string Export = @"{
          ""openapi"": ""3.0.1"",
          ""info"": { ""title"": ""pets-api"", ""version"": ""2026-11-30T09:00:00Z"" },
          ""paths"": {
            ""/pets"": {
              ""get"": {
                ""security"": [ { ""api_key"": [] }, { ""token-auth"": [] } ],
                ""x-amazon-apigateway-integration"": { ""type"": ""aws_proxy"", ""httpMethod"": ""POST"", ""uri"": """ + Uri(Fn("pets")) + @""", ""passthroughBehavior"": ""when_no_match"" }
              },
              ""options"": { ""x-amazon-apigateway-integration"": { ""type"": ""mock"" } }
            },
            ""/pets/{id}"": {
              ""x-amazon-apigateway-any-method"": {
                ""x-amazon-apigateway-integration"": { ""type"": ""aws"", ""httpMethod"": ""POST"", ""uri"": """ + Uri(Fn("pets") + ":live") + @""", ""credentials"": ""arn:aws:iam::111122223333:role/invoke"" }
              }
            }
          },
          ""components"": { ""securitySchemes"": {
            ""api_key"": { ""type"": ""apiKey"", ""name"": ""x-api-key"", ""in"": ""header"" },
            ""token-auth"": { ""type"": ""apiKey"", ""name"": ""Authorization"", ""in"": ""header"", ""x-amazon-apigateway-authtype"": ""custom"",
              ""x-amazon-apigateway-authorizer"": { ""type"": ""token"", ""authorizerUri"": """ + Uri(Fn("auth")) + @""", ""authorizerResultTtlInSeconds"": 300 } }
          } }
        }";

        [Fact]
        public void ReadsMethodsIntegrationsAndAuthorizersWithIdsFromTheCurrentConfiguration()
        {
            var current = new TestApi().Method("/pets", "GET", Uri(Fn("other"))).Authorizer("au1", "token-auth", Uri(Fn("auth"))).Build();
            var deployment = OpenApiExportReader.Read("d1", Export, current.Resources, current.Authorizers);

            var pets = deployment.Resources.Single(r => r.Path == "/pets");
            Assert.Equal(current.Resources.Single(r => r.Path == "/pets").Id, pets.Id);
            var get = pets.Methods.Single(m => m.HttpMethod == "GET");
            Assert.Equal("AWS_PROXY", get.Integration!.Type);
            Assert.Equal(Uri(Fn("pets")), get.Integration.Uri);
            Assert.Equal("CUSTOM", get.AuthorizationType);
            Assert.Equal("au1", get.AuthorizerId);
            var any = deployment.Resources.Single(r => r.Path == "/pets/{id}").Methods.Single();
            Assert.Equal("ANY", any.HttpMethod);
            Assert.Equal("arn:aws:iam::111122223333:role/invoke", any.Integration!.Credentials);
            Assert.Equal("", deployment.Resources.Single(r => r.Path == "/pets/{id}").Id);
            var authorizer = Assert.Single(deployment.Authorizers);
            Assert.Equal(("au1", "TOKEN"), (authorizer.Id, authorizer.Type));
        }

        [Fact] // moto answers GetExport with a bare Swagger 2.0 document: it must never read as "no integrations"
        public void RefusesWhatIsNoOpenApi3ExportWithExtensions()
        {
            Assert.Throws<FormatException>(() => OpenApiExportReader.Read("d1", @"{""swagger"":""2.0"",""paths"":{""/pets"":{""get"":{}}}}", new ApiResource[0], new ApiAuthorizer[0]));
            Assert.Throws<FormatException>(() => OpenApiExportReader.Read("d1", @"{""openapi"":""3.0.1"",""paths"":{""/pets"":{""get"":{""responses"":{}}}}}", new ApiResource[0], new ApiAuthorizer[0]));
            Assert.Throws<FormatException>(() => OpenApiExportReader.Read("d1", "<html/>", new ApiResource[0], new ApiAuthorizer[0]));
        }

        [Fact] // a stage is judged on its deployment; test-invoke-stage and -Configuration Current on the current configuration
        public void StagesResolveFromTheirDeploymentUnlessCurrentIsAsked()
        {
            var api = new TestApi().Method("/pets", "GET", Uri(Fn("pets-v2"))).Authorizer("au1", "token-auth", Uri(Fn("auth"))).Stage("prod").Build();
            api.Deployments = new Dictionary<string, ApiDeployment> { ["d1"] = OpenApiExportReader.Read("d1", Export, api.Resources, api.Authorizers) };

            var deployed = TargetResolver.ResolveStages(api, new TargetSelection { IncludeTestInvoke = true });
            var prodGet = deployed.Targets.Single(t => t.StageName == "prod" && t.Kind == TargetKind.Integration && t.HttpMethod == "GET");
            Assert.Equal(Fn("pets"), prodGet.FunctionArn);
            Assert.Equal("d1", prodGet.DeploymentId);
            Assert.Contains(Fn("pets-v2"), prodGet.UndeployedChange);
            Assert.Contains(deployed.Targets, t => t.StageName == "prod" && t.HttpMethod == "ANY" && t.UndeployedChange.Contains("removed"));
            Assert.Equal(Fn("pets-v2"), deployed.Targets.Single(t => t.StageName == "test-invoke-stage").FunctionArn);
            Assert.Single(deployed.Warnings);

            var current = TargetResolver.ResolveStages(api, new TargetSelection { Configuration = ApiConfiguration.Current });
            Assert.Equal(Fn("pets-v2"), current.Targets.Single(t => t.Kind == TargetKind.Integration).FunctionArn);
            Assert.All(current.Targets, t => Assert.Equal("", t.DeploymentId));
            Assert.Empty(current.Warnings);
        }

        [Fact] // UndeployedChange dates the deployment itself once GetDeployment was read; before that, the stage's last update
        public void AnUndeployedChangeNamesTheDeploymentsOwnDateWhenKnown()
        {
            var api = new TestApi().Method("/pets", "GET", Uri(Fn("pets-v2"))).Stage("prod").Build();
            api.Stages[0].LastUpdatedDate = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
            var deployment = OpenApiExportReader.Read("d1", Export, api.Resources, api.Authorizers);
            api.Deployments = new Dictionary<string, ApiDeployment> { ["d1"] = deployment };
            Assert.EndsWith("(deployment 'd1', stage last updated 2026-12-01 08:00 UTC)", Target(TargetResolver.ResolveStages(api, new TargetSelection())));

            deployment.CreatedDate = new DateTimeOffset(2026, 11, 30, 9, 30, 0, TimeSpan.Zero);
            var dated = TargetResolver.ResolveStages(api, new TargetSelection());
            Assert.EndsWith("(deployment 'd1', deployed 2026-11-30 09:30 UTC)", Target(dated));
            Assert.Contains("'d1', deployed 2026-11-30 09:30 UTC", Assert.Single(dated.Warnings));
        }

        private static string Target(TargetResolution resolution) =>
            resolution.Targets.Single(t => t.HttpMethod == "GET" && t.Kind == TargetKind.Integration).UndeployedChange;
    }
}

using System.Linq;
using LambdaPermTools.Templates;
using LambdaPermTools.Tests.Support;

namespace LambdaPermTools.Tests.Templates
{
    /// <summary>The template check's judgements beyond the fixtures: whole-document policies, roles, functions declared elsewhere, stage variables, symbols.</summary>
    public class TemplateCheckTests
    {
        // One API, GET /pets → Fn (or what {uri} names), stages from {stages}; {grants} are more resources.
        private static string Api(string grants, string uri = "${Fn.Arn}", string stages = "", string credentials = "") => $$"""
        Resources:
          Fn:
            Type: AWS::Lambda::Function
            Properties: { FunctionName: pets }
          Api:
            Type: AWS::ApiGateway::RestApi
          Pets:
            Type: AWS::ApiGateway::Resource
            Properties: { RestApiId: !Ref Api, ParentId: !GetAtt Api.RootResourceId, PathPart: pets }
          GetPets:
            Type: AWS::ApiGateway::Method
            Properties:
              RestApiId: !Ref Api
              ResourceId: !Ref Pets
              HttpMethod: GET
              AuthorizationType: NONE
              Integration:
                Type: AWS_PROXY
                Uri: !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/{{uri}}/invocations
                {{credentials}}
        {{stages}}
        {{grants}}
        """;

        private const string Grant = """
          Grant:
            Type: AWS::Lambda::Permission
            Properties:
              Action: lambda:InvokeFunction
              FunctionName: pets
              Principal: apigateway.amazonaws.com
              SourceArn: !Sub arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/GET/pets
        """;

        private static PermissionFinding Single(string template, TemplateSettings? settings = null) =>
            Assert.Single(TemplateCheck.Run(template, "t.yaml", settings ?? new TemplateSettings()).Findings);

        [Fact]
        public void AGrantThatWritesThePartitionLiterallyDependsOnWhereTheStackDeploys()
        {
            var finding = TemplateCheck.Run(TemplateFixtures.Read("kc-method-snippet.yaml"), "", new TemplateSettings()).Findings[0];
            Assert.Equal((PermissionStatus.Unknown, PermissionCause.UnresolvedTemplateValue), (finding.Status, finding.Cause));
            Assert.Contains("only if the stack deploys to partition 'aws'", finding.Reason);
            Assert.Contains("LambdaPermission", finding.Reason);
        }

        [Fact]
        public void ResourcePolicyStatementsAreGrantsToo()
        {
            var finding = Single(Api("""
              Policy:
                Type: AWS::Lambda::ResourcePolicy
                Properties:
                  ResourceArn: !GetAtt Fn.Arn
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Principal: { Service: apigateway.amazonaws.com }
                        Action: lambda:InvokeFunction
                        Resource: !GetAtt Fn.Arn
                        Condition: { ArnLike: { "aws:SourceArn": !Sub "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*" } }
            """));
            Assert.Equal((PermissionStatus.Allowed, "Policy"), (finding.Status, finding.PermissionLogicalId));
            Assert.True(finding.OverlyBroad);
        }

        [Fact]
        public void ADenyInAResourcePolicyBeatsAPermission()
        {
            var finding = Single(Api(Grant + "\n" + """
              Policy:
                Type: AWS::Lambda::ResourcePolicy
                Properties:
                  ResourceArn: !GetAtt Fn.Arn
                  PolicyDocument: '{"Version":"2012-10-17","Statement":[{"Sid":"NoApi","Effect":"Deny","Principal":"*","Action":"lambda:*","Resource":"*"}]}'
            """));
            Assert.Equal(PermissionStatus.Denied, finding.Status);
            Assert.Contains("'NoApi'", finding.Reason);
        }

        [Fact]
        public void APermissionBesideAWholeDocumentPolicyDependsOnDeploymentOrder()
        {
            var finding = Single(Api(Grant + "\n" + """
              Policy:
                Type: AWS::Lambda::ResourcePolicy
                Properties:
                  ResourceArn: !GetAtt Fn.Arn
                  PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: lambda:GetFunction, Resource: "*" }] }
            """));
            Assert.Equal((PermissionStatus.Unknown, PermissionCause.UnresolvedTemplateValue), (finding.Status, finding.Cause));
            Assert.Contains("replaces the whole policy", finding.Reason);
        }

        [Fact]
        public void ACredentialsRoleIsNotJudgedOffline()
        {
            var finding = Single(Api("", credentials: "Credentials: arn:aws:iam::111122223333:role/apigw-invoke"));
            Assert.Equal((PermissionStatus.Unknown, PermissionCause.UnresolvedTemplateValue), (finding.Status, finding.Cause));
            Assert.Contains("credentials role 'arn:aws:iam::111122223333:role/apigw-invoke'", finding.Reason);
        }

        [Fact]
        public void AFunctionDeclaredElsewhereIsUnknownUnlessTheTemplateGrantsIt()
        {
            const string external = "arn:aws:lambda:eu-west-1:111122223333:function:legacy";
            var ungranted = Single(Api("", uri: external), new TemplateSettings { Region = "eu-west-1", AccountId = "111122223333" });
            Assert.Equal((PermissionStatus.Unknown, PermissionCause.UnresolvedTemplateValue), (ungranted.Status, ungranted.Cause));
            Assert.Contains("not declared in this template", ungranted.Reason);

            var granted = Single(Api(Grant.Replace("FunctionName: pets", "FunctionName: " + external), uri: external), new TemplateSettings { Region = "eu-west-1", AccountId = "111122223333" });
            Assert.Equal((PermissionStatus.Allowed, "Grant"), (granted.Status, granted.PermissionLogicalId));
        }

        [Fact]
        public void StageVariablesResolvePerStage()
        {
            var findings = TemplateCheck.Run(Api(Grant, uri: "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${!stageVariables.fn}", stages: """
              Prod:
                Type: AWS::ApiGateway::Stage
                Properties: { RestApiId: !Ref Api, StageName: prod, Variables: { fn: pets } }
              Dev:
                Type: AWS::ApiGateway::Stage
                Properties: { RestApiId: !Ref Api, StageName: dev }
            """), "t.yaml", new TemplateSettings()).Findings;
            Assert.Equal(new[] { ("dev", PermissionStatus.Denied, PermissionCause.UnresolvedStageVariable), ("prod", PermissionStatus.Allowed, PermissionCause.GrantedByPolicy) },
                findings.Select(f => (f.StageName, f.Status, f.Cause)));
            Assert.Equal("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:pets", findings[1].FunctionArn);
        }

        [Fact]
        public void ALiteralDollarBraceStringIsNotTheApisId()
        {
            // Without !Sub, "${Api}" is literal text at deployment: it never matches the real API id.
            var finding = Single(Api(Grant.Replace("SourceArn: !Sub arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/GET/pets", "SourceArn: arn:aws:execute-api:us-east-1:111122223333:${Api}/*/GET/pets")),
                new TemplateSettings { Region = "us-east-1", AccountId = "111122223333" });
            Assert.Equal((PermissionStatus.Denied, PermissionCause.NoMatchingStatement), (finding.Status, finding.Cause));
            Assert.Contains("API id", finding.Reason);
        }

        [Fact]
        public void APrincipalStarGrantIsAllowedAndOverlyBroad()
        {
            var finding = Single(Api(Grant.Replace("Principal: apigateway.amazonaws.com", "Principal: \"*\"")));
            Assert.Equal(PermissionStatus.Allowed, finding.Status);
            Assert.True(finding.OverlyBroad);
        }

        [Fact]
        public void AGrantForAnotherServiceDoesNotCount()
        {
            var finding = Single(Api(Grant.Replace("Principal: apigateway.amazonaws.com", "Principal: s3.amazonaws.com")));
            Assert.Equal((PermissionStatus.Denied, PermissionCause.NoMatchingStatement), (finding.Status, finding.Cause));
        }

        [Fact]
        public void AMethodOnAnApiOfAnotherStackIsJudgedForAnyStage()
        {
            // The API is not declared here (its id is written literally), so its stages are unknown: stage "*".
            var finding = Single(Api(Grant).Replace("RestApiId: !Ref Api\n      ResourceId", "RestApiId: a1b2c3d4e5\n      ResourceId"));
            Assert.Equal((PermissionStatus.Denied, PermissionCause.NoMatchingStatement, "*", "/pets"), (finding.Status, finding.Cause, finding.StageName, finding.ResourcePath));
            Assert.Contains("a1b2c3d4e5/*/GET/pets", finding.PresentedSourceArn);
            Assert.Contains("API id", finding.Reason);
        }
    }
}

using System.Linq;
using LambdaPermTools.Requests;

namespace LambdaPermTools.Tests.Requests
{
    /// <summary>Which served targets a logged failure names.</summary>
    public class FailureTargetsTests
    {
        private const string Fn = "arn:aws:lambda:us-east-1:111122223333:function:pets";
        private const string Other = "arn:aws:lambda:us-east-1:111122223333:function:other";

        private static readonly IntegrationTarget[] Served =
        {
            Target(TargetKind.Integration, "GET", "/pets/{petId}", Fn),
            Target(TargetKind.Integration, "ANY", "/pets/{petId}", Fn),
            Target(TargetKind.Integration, "ANY", "/{proxy+}", Fn),
            Target(TargetKind.Integration, "GET", "/pets/{petId}", Fn, canary: true),
            Target(TargetKind.Authorizer, "GET", "/pets/{petId}", Other),
        };

        [Fact]
        public void ExactMethodBeatsAny() =>
            Assert.Equal(new[] { Served[0] }, FailureTargets.Select(Failure(TargetKind.Integration, "GET", "/pets/{petId}", Fn), Served));

        [Fact] // a verb with no method of its own is served by the resource's ANY
        public void AVerbWithoutItsOwnMethodFallsBackToAny() =>
            Assert.Equal(new[] { Served[1] }, FailureTargets.Select(Failure(TargetKind.Integration, "DELETE", "/pets/{petId}", Fn), Served));

        [Fact]
        public void AnotherFunctionOrTheCanaryIsNotNamed()
        {
            Assert.Empty(FailureTargets.Select(Failure(TargetKind.Integration, "GET", "/pets/{petId}", Other), Served));
            var canary = Failure(TargetKind.Integration, "GET", "/pets/{petId}", Fn);
            canary.Canary = true;
            Assert.Equal(new[] { Served[3] }, FailureTargets.Select(canary, Served));
        }

        [Fact] // an authorizer failure names the authorizer by its function; a log without a template names every method of that function
        public void AuthorizerAndUnknownTemplate()
        {
            Assert.Equal(new[] { Served[4] }, FailureTargets.Select(Failure(TargetKind.Authorizer, "", "", Other), Served));
            Assert.Equal(3, FailureTargets.Select(Failure(TargetKind.Integration, "", "", Fn), Served).Count);
        }

        private static PermissionFailure Failure(TargetKind kind, string verb, string template, string function) =>
            new PermissionFailure { RestApiId = "api1", StageName = "prod", Kind = kind, HttpMethod = verb, ResourcePath = template, FunctionArn = function };

        private static IntegrationTarget Target(TargetKind kind, string verb, string template, string function, bool canary = false) =>
            new IntegrationTarget { RestApiId = "api1", StageName = "prod", Kind = kind, HttpMethod = verb, ResourcePath = template, FunctionArn = function, Canary = canary };
    }
}

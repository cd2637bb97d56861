namespace LambdaPermTools.Tests.Evaluation;

public class ModelTests
{
    [Fact]
    public void FindingCopiesEveryTargetProperty()
    {
        var target = new IntegrationTarget { RestApiId = "a1", StageName = "prod", FunctionName = "arn:aws:lambda:us-east-1:111122223333:function:f", Qualifier = "live", UnresolvedVariables = new[] { "x" } };
        var finding = new PermissionFinding(target);
        Assert.Equal("a1", finding.RestApiId);
        Assert.Equal("live", finding.Qualifier);
        Assert.Equal(new[] { "x" }, finding.UnresolvedVariables);
        Assert.NotSame(target.UnresolvedVariables, finding.UnresolvedVariables);
    }
}

namespace LambdaPermTools.Planning
{
    public sealed class FixOptions
    {
        public FixScope Scope { get; set; } = FixScope.Method;
    }
}

namespace LambdaPermTools.Aws.Ports
{
    /// <summary>One alias of a function as ListAliases returns it: its name and the version it points to.</summary>
    public sealed class LambdaAlias
    {
        public LambdaAlias(string name, string functionVersion)
        {
            Name = name;
            FunctionVersion = functionVersion;
        }

        public string Name { get; }
        public string FunctionVersion { get; }
    }
}

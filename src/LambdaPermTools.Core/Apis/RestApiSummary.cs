namespace LambdaPermTools.Apis
{
    /// <summary>A REST API's identity (GetRestApis item).</summary>
    public sealed class RestApiSummary
    {
        public RestApiSummary(string id, string name)
        {
            Id = id;
            Name = name;
        }

        public string Id { get; }
        public string Name { get; }
    }
}

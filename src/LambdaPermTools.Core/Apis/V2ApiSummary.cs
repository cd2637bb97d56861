namespace LambdaPermTools.Apis
{
    /// <summary>An HTTP or WebSocket API's identity (GetApis item; docs/aws-rules.md §8).</summary>
    public sealed class V2ApiSummary
    {
        public V2ApiSummary(string id, string name, ApiType type)
        {
            Id = id;
            Name = name;
            Type = type;
        }

        public string Id { get; }
        public string Name { get; }

        /// <summary>Http or WebSocket (the wire's protocolType HTTP or WEBSOCKET).</summary>
        public ApiType Type { get; }
    }
}

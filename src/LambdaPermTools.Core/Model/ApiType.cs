namespace LambdaPermTools
{
    /// <summary>Which kind of API Gateway API a target belongs to (contract: ApiType).</summary>
    public enum ApiType
    {
        Rest,
        Http,
        WebSocket,
    }
}

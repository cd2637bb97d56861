namespace LambdaPermTools.Aws.Ports
{
    /// <summary>Creates the ports for a connection. Terminating problems (no credentials, no region, unknown profile) throw <see cref="ConnectionException"/>.</summary>
    public interface IAwsServicesFactory
    {
        IAwsServices Create(ConnectionOptions options);
    }
}

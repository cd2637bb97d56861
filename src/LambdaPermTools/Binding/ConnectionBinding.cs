using System;
using LambdaPermTools.Aws.Ports;

namespace LambdaPermTools.Binding
{
    /// <summary>
    /// The one mapping from the AWS Tools connection parameters (by their names) and the session's stored credentials
    /// and region to a connection: used by the cmdlets for each record and by the completers for what is typed so far.
    /// </summary>
    internal static class ConnectionBinding
    {
        public static ConnectionOptions Read(Func<string, object?> parameter, object? storedCredentials, object? storedRegion)
        {
            string? Text(string name) => parameter(name)?.ToString();
            return new ConnectionOptions
            {
                Region = RegionTransformationAttribute.ToRegionName(parameter("Region")),
                ProfileName = Text("ProfileName"),
                ProfileLocation = Text("ProfileLocation"),
                AccessKey = Text("AccessKey"),
                SecretKey = Text("SecretKey"),
                SessionToken = Text("SessionToken"),
                Credential = parameter("Credential"),
                EndpointUrl = Text("EndpointUrl"),
                StoredCredentials = storedCredentials,
                StoredRegion = RegionTransformationAttribute.ToRegionName(storedRegion),
            };
        }
    }
}

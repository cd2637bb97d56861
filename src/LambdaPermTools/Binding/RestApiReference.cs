using System.Management.Automation;

namespace LambdaPermTools.Binding
{
    /// <summary>
    /// The type of -InputObject: a REST API as AWS Tools' Get-AGRestApiList emits it (Amazon.APIGateway.Model.RestApi,
    /// with Id and Name), read by duck typing so that no AWSSDK type is needed (docs/powershell-rules.md §7.2).
    /// PowerShell converts any piped object through the constructor; objects that are not REST APIs (an API
    /// Gateway resource, authorizer or stage) keep a <see cref="Problem"/> that the cmdlet reports.
    /// </summary>
    public sealed class RestApiReference
    {
        public RestApiReference(object input)
        {
            var value = input is PSObject wrapped ? wrapped.BaseObject : input;
            Input = value;
            if (value is string id)
            {
                Id = id;
                return;
            }

            var properties = PSObject.AsPSObject(input).Properties;
            string? Text(string name) => properties[name]?.Value?.ToString();

            if (properties["PathPart"] != null || properties["ParentId"] != null || properties["ResourceMethods"] != null)
            {
                Problem = $"The input looks like an API Gateway resource (Get-AGResourceList output, path '{Text("Path")}'), not a REST API.";
            }
            else if (properties["AuthorizerUri"] != null || properties["IdentitySource"] != null || properties["ProviderARNs"] != null)
            {
                Problem = $"The input looks like an API Gateway authorizer (Get-AGAuthorizerList output, '{Text("Name")}'), not a REST API.";
            }
            else if (properties["StageName"] != null && properties["RestApiId"] == null)
            {
                Problem = $"The input looks like an API Gateway stage ('{Text("StageName")}'), not a REST API.";
            }

            Id = Text("RestApiId") ?? Text("Id") ?? "";
            Name = properties["RestApiId"] == null ? Text("Name") ?? "" : Text("RestApiName") ?? "";
            if (Problem == null && Id.Length == 0)
            {
                Problem = $"The input ({value.GetType().FullName}) is not a REST API: it has no Id or RestApiId property.";
            }
        }

        /// <summary>The object as it was piped (the TargetObject of the error when it is not a REST API).</summary>
        public object Input { get; }

        public string Id { get; } = "";
        public string Name { get; } = "";
        /// <summary>Why the input is not a REST API, or null.</summary>
        public string? Problem { get; }

        public override string ToString() => Id;
    }
}

// Stand-ins for the AWS Tools / AWS SDK types users pipe into the cmdlets, with the same type and property
// names (AWS SDK for .NET models), so Pester can test binding without AWS Tools installed. Test-only.
namespace Amazon.APIGateway.Model
{
    /// <summary>Get-AGRestApiList output.</summary>
    public class RestApi
    {
        public string? Id { get; set; }
        public string? Name { get; set; }
        public string? RootResourceId { get; set; }
        public string? Description { get; set; }
        public System.DateTime CreatedDate { get; set; }
        public System.Collections.Generic.List<string> BinaryMediaTypes { get; set; } = new System.Collections.Generic.List<string>();
        public System.Collections.Generic.Dictionary<string, string> Tags { get; set; } = new System.Collections.Generic.Dictionary<string, string>();
    }

    /// <summary>Get-AGResourceList output: has an Id too, but is not an API.</summary>
    public class Resource
    {
        public string? Id { get; set; }
        public string? ParentId { get; set; }
        public string? Path { get; set; }
        public string? PathPart { get; set; }
        public System.Collections.Generic.Dictionary<string, object> ResourceMethods { get; set; } = new System.Collections.Generic.Dictionary<string, object>();
    }

    /// <summary>Get-AGAuthorizerList output: has Id and Name, but is not an API.</summary>
    public class Authorizer
    {
        public string? Id { get; set; }
        public string? Name { get; set; }
        public string? Type { get; set; }
        public string? AuthorizerUri { get; set; }
        public string? IdentitySource { get; set; }
    }
}

namespace Amazon
{
    /// <summary>An SDK region object (what -Region receives from [Amazon.RegionEndpoint]::EUWest1).</summary>
    public class RegionEndpoint
    {
        public RegionEndpoint(string systemName, string displayName)
        {
            SystemName = systemName;
            DisplayName = displayName;
        }

        public string SystemName { get; }
        public string DisplayName { get; }
        public override string ToString() => $"{DisplayName} ({SystemName})";
    }
}

namespace Amazon.Powershell.Common
{
    /// <summary>Get-AWSRegion output.</summary>
    public class AWSRegion
    {
        public AWSRegion(string region, string name)
        {
            Region = region;
            Name = name;
        }

        public string Region { get; }
        public string Name { get; }
        public bool IsShellDefault { get; set; }
        public override string ToString() => Name;
    }
}

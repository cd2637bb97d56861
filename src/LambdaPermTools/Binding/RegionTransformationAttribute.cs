using System;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace LambdaPermTools.Binding
{
    /// <summary>
    /// Lets -Region take what AWS Tools users pass: a system name ("eu-west-1"), Get-AWSRegion output (property
    /// Region) or an Amazon.RegionEndpoint (property SystemName), read by duck typing so no AWSSDK type is needed.
    /// A value that is not a region name is an invalid argument.
    /// </summary>
    [AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
    public sealed class RegionTransformationAttribute : ArgumentTransformationAttribute
    {
        private static readonly Regex RegionName = new Regex("^[a-z]{2}(-[a-z]+)+-[0-9]+$");

        public override object? Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var name = ToRegionName(inputData);
            if (name != null && !RegionName.IsMatch(name))
            {
                throw new ArgumentTransformationMetadataException($"'{name}' is not an AWS region name such as 'us-east-1'; Get-AWSRegion lists them.");
            }

            return name;
        }

        /// <summary>The region system name in a string, AWSRegion or RegionEndpoint; null for null or empty.</summary>
        public static string? ToRegionName(object? value)
        {
            if (value is PSObject wrapped)
            {
                value = wrapped.BaseObject;
            }

            if (value == null)
            {
                return null;
            }

            if (value is string text)
            {
                return text.Length == 0 ? null : text.Trim();
            }

            var properties = PSObject.AsPSObject(value).Properties;
            var named = properties["SystemName"]?.Value ?? properties["Region"]?.Value;
            return named == null ? value.ToString() : ToRegionName(named);
        }
    }
}

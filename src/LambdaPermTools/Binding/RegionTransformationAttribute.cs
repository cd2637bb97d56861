using System;
using System.Management.Automation;

namespace LambdaPermTools.Binding
{
    /// <summary>
    /// Lets -Region take what AWS Tools users pass: a system name ("eu-west-1"), Get-AWSRegion output (property
    /// Region) or an Amazon.RegionEndpoint (property SystemName), read by duck typing so no AWSSDK type is needed.
    /// Only converts: a value that is not a region name is reported by the cmdlet as the terminating error
    /// InvalidRegion (InvalidArgument), like a bad region from any other source.
    /// </summary>
    [AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
    public sealed class RegionTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object inputData) => ToRegionName(inputData);

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

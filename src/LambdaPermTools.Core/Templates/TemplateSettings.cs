using System;
using System.Collections.Generic;
using System.Linq;

namespace LambdaPermTools.Templates
{
    /// <summary>What the caller makes concrete; everything else a template leaves open stays symbolic.</summary>
    public sealed class TemplateSettings
    {
        /// <summary>The deployment region (<c>${AWS::Region}</c>; also decides <c>${AWS::Partition}</c>), or null to keep them symbolic.</summary>
        public string? Region { get; set; }

        /// <summary>The deployment account (<c>${AWS::AccountId}</c>), or null to keep it symbolic.</summary>
        public string? AccountId { get; set; }

        /// <summary>Parameter values (a string, or strings for list parameters) that replace the template's defaults.</summary>
        public IDictionary<string, string[]> Parameters { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal);

        // Region name prefixes of the partitions other than aws (botocore endpoints.json "regionRegex").
        private static readonly (string Prefix, string Partition)[] Partitions =
        {
            ("cn-", "aws-cn"), ("us-gov-", "aws-us-gov"), ("us-isob-", "aws-iso-b"), ("us-isof-", "aws-iso-f"), ("us-iso-", "aws-iso"),
            ("eu-isoe-", "aws-iso-e"), ("eusc-", "aws-eusc"),
        };

        /// <summary>The partition of a region name: aws-cn for cn-*, aws-us-gov for us-gov-*, the isolated and sovereign partitions, else aws.</summary>
        public static string PartitionOf(string region) =>
            Partitions.FirstOrDefault(p => region.StartsWith(p.Prefix, StringComparison.Ordinal)).Partition ?? "aws";
    }
}

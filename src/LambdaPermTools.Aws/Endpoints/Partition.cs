using System;

namespace LambdaPermTools.Aws.Endpoints
{
    /// <summary>The AWS partitions we serve: DNS suffix and the global services' endpoint and signing region (docs/aws-rules.md §6.3).</summary>
    internal sealed class Partition
    {
        public static readonly Partition Aws = new Partition("aws", "amazonaws.com", "iam.amazonaws.com", "us-east-1");
        public static readonly Partition China = new Partition("aws-cn", "amazonaws.com.cn", "iam.cn-north-1.amazonaws.com.cn", "cn-north-1");
        public static readonly Partition GovCloud = new Partition("aws-us-gov", "amazonaws.com", "iam.us-gov.amazonaws.com", "us-gov-west-1");

        private Partition(string name, string dnsSuffix, string iamHost, string globalSigningRegion)
        {
            Name = name;
            DnsSuffix = dnsSuffix;
            IamHost = iamHost;
            GlobalSigningRegion = globalSigningRegion;
        }

        public string Name { get; }
        public string DnsSuffix { get; }
        public string IamHost { get; }
        public string GlobalSigningRegion { get; }

        /// <summary>cn-* regions are aws-cn, us-gov-* are aws-us-gov, everything else aws.</summary>
        public static Partition Of(string region)
        {
            if (region.StartsWith("cn-", StringComparison.Ordinal))
            {
                return China;
            }

            if (region.StartsWith("us-gov-", StringComparison.Ordinal))
            {
                return GovCloud;
            }

            return Aws;
        }
    }
}

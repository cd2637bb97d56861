namespace LambdaPermTools.Arns
{
    /// <summary>Partition, region and account used to complete a partial function ARN or a bare name.</summary>
    public sealed class FunctionDefaults
    {
        public FunctionDefaults(string partition, string region, string accountId)
        {
            Partition = partition;
            Region = region;
            AccountId = accountId;
        }

        public string Partition { get; }
        public string Region { get; }
        public string AccountId { get; }

        internal FunctionDefaults WithAccount(string accountId) => new FunctionDefaults(Partition, Region, accountId);
    }
}

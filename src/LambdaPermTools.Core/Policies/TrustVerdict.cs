namespace LambdaPermTools.Policies
{
    public enum TrustVerdict
    {
        Trusted,
        NotTrusted,
        Uncertain,
    }
}

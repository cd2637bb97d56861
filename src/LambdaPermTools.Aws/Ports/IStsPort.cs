using System.Threading;
using System.Threading.Tasks;

namespace LambdaPermTools.Aws.Ports
{
    /// <summary>What the module asks STS: who the credentials are (the account that owns the APIs they read).</summary>
    public interface IStsPort
    {
        Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken);
    }
}

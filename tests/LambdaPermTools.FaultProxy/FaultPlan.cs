using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;

namespace LambdaPermTools.FaultProxy
{
    public enum FaultKind
    {
        None,
        Throttle,
        ServerError,
        Reset,
    }

    /// <summary>
    /// Decides which requests fail. The decision for the n-th arrival of one request (same method, target and body)
    /// is a function of the seed, the request and n only, so concurrent clients get the same faults in any order.
    /// </summary>
    public sealed class FaultPlan
    {
        private readonly int _seed;
        private readonly double _resetRate;
        private readonly double _serverErrorRate;
        private readonly double _throttleRate;
        private readonly int _maxConsecutiveFaults;
        private readonly Dictionary<string, (int Arrivals, int FaultsInARow)> _seen = new();
        private readonly object _gate = new();

        public FaultPlan(int seed, double throttleRate, double serverErrorRate, double resetRate, int maxConsecutiveFaults)
        {
            if (throttleRate < 0 || serverErrorRate < 0 || resetRate < 0 || throttleRate + serverErrorRate + resetRate > 1)
            {
                throw new ArgumentOutOfRangeException(nameof(throttleRate), "Fault rates must be ≥ 0 and add up to at most 1.");
            }

            _seed = seed;
            _throttleRate = throttleRate;
            _serverErrorRate = serverErrorRate;
            _resetRate = resetRate;
            _maxConsecutiveFaults = maxConsecutiveFaults;
        }

        public bool InjectsNothing => _throttleRate + _serverErrorRate + _resetRate == 0;

        /// <summary>The fault for this arrival of <paramref name="requestIdentity"/>.</summary>
        public FaultKind Decide(string requestIdentity)
        {
            if (InjectsNothing)
            {
                return FaultKind.None;
            }

            lock (_gate)
            {
                _seen.TryGetValue(requestIdentity, out var state);
                var fault = state.FaultsInARow >= _maxConsecutiveFaults ? FaultKind.None : Draw(Uniform(requestIdentity, state.Arrivals));
                _seen[requestIdentity] = (state.Arrivals + 1, fault == FaultKind.None ? 0 : state.FaultsInARow + 1);
                return fault;
            }
        }

        /// <summary>Forgets every request seen, so the same traffic meets the same faults again.</summary>
        public void Reset()
        {
            lock (_gate)
            {
                _seen.Clear();
            }
        }

        private FaultKind Draw(double u) =>
            u < _resetRate ? FaultKind.Reset
            : u < _resetRate + _serverErrorRate ? FaultKind.ServerError
            : u < _resetRate + _serverErrorRate + _throttleRate ? FaultKind.Throttle
            : FaultKind.None;

        private double Uniform(string requestIdentity, int arrival)
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{_seed}\n{arrival}\n{requestIdentity}"));
            return (BitConverter.ToUInt64(hash, 0) >> 11) / (double)(1UL << 53);
        }
    }
}

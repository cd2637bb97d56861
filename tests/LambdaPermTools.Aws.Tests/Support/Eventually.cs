using System;
using System.Threading.Tasks;

namespace LambdaPermTools.Aws.Tests.Support
{
    /// <summary>Waits for a condition that concurrent work will make true; real time, generous, never a measurement.</summary>
    internal static class Eventually
    {
        /// <summary>False if <paramref name="condition"/> never held within <paramref name="seconds"/>.</summary>
        public static async Task<bool> True(Func<bool> condition, int seconds = 30)
        {
            var deadline = DateTime.UtcNow.AddSeconds(seconds);
            while (!condition())
            {
                if (DateTime.UtcNow > deadline)
                {
                    return false;
                }

                await Task.Delay(10);
            }

            return true;
        }
    }
}

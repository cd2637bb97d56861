namespace LambdaPermTools.Aws.Runs
{
    /// <summary>
    /// Receives a run's results as they complete (one per API, so memory stays bounded however many APIs are read),
    /// its errors and its progress. Called from worker threads: implementations marshal to their own thread.
    /// </summary>
    public interface IRunObserver<in T>
    {
        void Delivered(T result);

        /// <summary>A per-item failure; the run goes on.</summary>
        void Failed(RunError error);

        /// <summary>Something the user must know that is no failure (e.g. a stage judged on the current configuration because its deployment could not be read).</summary>
        void Warned(string warning);

        /// <summary>After each API: how many of how many are done, and which was last.</summary>
        void Progressed(int completed, int total, string restApiId);
    }
}

using System;

namespace LambdaPermTools.HelpBuilder
{
    /// <summary>A problem that must stop the build; the message says what to fix.</summary>
    public sealed class HelpBuildException : Exception
    {
        public HelpBuildException(string message)
            : base(message)
        {
        }
    }
}

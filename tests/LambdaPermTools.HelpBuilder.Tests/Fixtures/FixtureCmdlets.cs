using System.Management.Automation;

namespace LambdaPermTools.HelpBuilder.Tests.Fixtures
{
    /// <summary>A base class like the module's connection base: its parameters are inherited by the cmdlet.</summary>
    public abstract class FixtureConnectionCmdlet : PSCmdlet
    {
        [Parameter]
        [Alias("RegionToCall")]
        public string? Region { get; set; }
    }

    /// <summary>The cmdlet the generator is tested on: two parameter sets, aliases, pipeline input, a switch, a nullable and ShouldProcess.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "HelpFixture", SupportsShouldProcess = true, DefaultParameterSetName = "All")]
    [OutputType(typeof(string))]
    public sealed class TestHelpFixtureCommand : FixtureConnectionCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = "ByName")]
        [Alias("Id", "Key")]
        public string[] Name { get; set; } = new string[0];

        [Parameter(Mandatory = true, ParameterSetName = "All")]
        public SwitchParameter All { get; set; }

        [Parameter(ValueFromPipeline = true, ParameterSetName = "ByName")]
        [Parameter(ParameterSetName = "All")]
        public int? Count { get; set; }

        /// <summary>Not a parameter: help must not ask for it.</summary>
        public string NotAParameter { get; set; } = "";

        protected override void ProcessRecord()
        {
            if (ShouldProcess(string.Join(",", Name), "Greet"))
            {
                WriteObject("fixture " + string.Join(",", Name));
            }
        }
    }

    /// <summary>A cmdlet without a default set whose positional set is declared last: Get-Help should still show it first.</summary>
    [Cmdlet(VerbsCommon.Get, "HelpFixture")]
    public sealed class GetHelpFixtureCommand : PSCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = "ByObject")]
        public object[] InputObject { get; set; } = new object[0];

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "ById")]
        public string[] Id { get; set; } = new string[0];
    }
}

using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using LambdaPermTools.Templates;
using LambdaPermTools.Tests.Support;

namespace LambdaPermTools.Tests.Templates
{
    /// <summary>
    /// SAM's translator (samtranslator, in the Python that ships cfn-lint) is the oracle for our SAM rules: for every SAM
    /// fixture, the permissions we infer are exactly the AWS::Lambda::Permission resources it generates (logical id,
    /// FunctionName, SourceArn), and the APIs' stages are exactly the stages it creates.
    /// </summary>
    public class SamTranslatorTests
    {
        // Translates a template as CloudFormation would (no AWS call: the managed-policy loader is never asked for more than
        // nothing) and prints the permissions it generated and the stages of its REST APIs, in our notation.
        private const string Script = """
import json, sys
from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse

class NoManagedPolicies:
    def load(self):
        return {}

def sub(value):
    if isinstance(value, dict) and 'Ref' in value:
        return '${' + value['Ref'] + '}'
    return value

def function_name(value):
    if isinstance(value, dict) and 'Ref' in value:
        return '!Ref ' + value['Ref']
    if isinstance(value, dict) and 'Fn::GetAtt' in value:
        attribute = value['Fn::GetAtt']
        return '!GetAtt ' + (attribute if isinstance(attribute, str) else '.'.join(attribute))
    return value

def source_arn(value):
    text, variables = value['Fn::Sub'] if isinstance(value['Fn::Sub'], list) else (value['Fn::Sub'], {})
    for name, variable in variables.items():
        text = text.replace('${' + name + '}', sub(variable))
    # The translator writes the partition of the region it runs in (here us-east-1: aws); CloudFormation runs it in the
    # stack's own region, which is what ${AWS::Partition} stands for.
    return text.replace('arn:aws:', 'arn:${AWS::Partition}:', 1)

template = yaml_parse(open(sys.argv[1]).read())
written = set(template['Resources'])
output = transform(template, {}, NoManagedPolicies())['Resources']
permissions = [{'LogicalId': k, 'FunctionName': function_name(v['Properties']['FunctionName']), 'SourceArn': source_arn(v['Properties']['SourceArn'])}
               for k, v in output.items() if v['Type'] == 'AWS::Lambda::Permission' and k not in written]
stages = [v['Properties']['RestApiId']['Ref'] + '/' + v['Properties']['StageName']
          for v in output.values() if v['Type'] in ('AWS::ApiGateway::Stage', 'AWS::ApiGateway::Deployment') and 'StageName' in v['Properties']]
print(json.dumps({'Permissions': permissions, 'Stages': stages}))
""";

        public static IEnumerable<object[]> SamFixtures =>
            Directory.GetFiles(TemplateFixtures.Directory, "sam-*.yaml").Select(Path.GetFileName).OrderBy(n => n).Select(n => new object[] { n! });

        [SamTranslatorFact]
        public void SamFixturesExist() => Assert.True(SamFixtures.Count() >= 4, "expected the SAM fixtures in tests/Fixtures/Templates");

        [SamTranslatorTheory]
        [MemberData(nameof(SamFixtures))]
        public void OurSamPermissionsAndStagesAreExactlyTheTranslators(string fixture)
        {
            var (exit, output, error) = Tool.Run(SamTranslatorFactAttribute.Python!, new[] { "-c", Script, TemplateFixtures.PathOf(fixture) },
                environment: new Dictionary<string, string> { ["AWS_DEFAULT_REGION"] = "us-east-1", ["AWS_EC2_METADATA_DISABLED"] = "true" });
            Assert.True(exit == 0, $"samtranslator failed on {fixture}: {error}");
            using var translated = JsonDocument.Parse(output.Trim().Split('\n').Last());

            var (model, resolver) = TemplateCheck.Read(TemplateFixtures.Read(fixture), new TemplateSettings());
            var ours = model.Grants.Where(g => g.GeneratedBySam)
                .Select(g => $"{g.LogicalId} | {g.FunctionExpression} | {resolver.Symbols.Decode(g.SourceArns.Single())}").OrderBy(s => s).ToList();
            var theirs = translated.RootElement.GetProperty("Permissions").EnumerateArray()
                .Select(p => $"{p.GetProperty("LogicalId").GetString()} | {p.GetProperty("FunctionName").GetString()} | {p.GetProperty("SourceArn").GetString()}").OrderBy(s => s).ToList();
            Assert.Equal(theirs, ours);

            var ourStages = model.Apis.SelectMany(a => a.Stages.Select(s => $"{a.LogicalId}/{s.Name}")).OrderBy(s => s).ToList();
            var theirStages = translated.RootElement.GetProperty("Stages").EnumerateArray().Select(s => s.GetString()!).OrderBy(s => s).ToList();
            Assert.Equal(theirStages, ourStages);
        }
    }

    /// <summary>Runs only where python3 can import samtranslator; elsewhere the test is skipped and says why.</summary>
    public sealed class SamTranslatorFactAttribute : FactAttribute
    {
        public SamTranslatorFactAttribute()
        {
            Skip = SkipReason;
        }

        public static string? Python { get; } = Tool.Find("python3");

        internal static string? SkipReason { get; } = Probe();

        private static string? Probe()
        {
            if (Python == null)
            {
                return "python3 is not on PATH, so SAM's translator (samtranslator) cannot serve as the oracle here.";
            }

            var (exit, _, error) = Tool.Run(Python, new[] { "-c", "import samtranslator" });
            return exit == 0 ? null : $"python3 cannot import samtranslator ({error.Trim().Split('\n').Last()}); install aws-sam-translator (it comes with cfn-lint) to run this test.";
        }
    }

    /// <summary>The theory form of <see cref="SamTranslatorFactAttribute"/>.</summary>
    public sealed class SamTranslatorTheoryAttribute : TheoryAttribute
    {
        public SamTranslatorTheoryAttribute()
        {
            Skip = SamTranslatorFactAttribute.SkipReason;
        }
    }
}

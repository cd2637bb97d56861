using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using LambdaPermTools.Planning;
using LambdaPermTools.Rendering;
using LambdaPermTools.Templates;
using LambdaPermTools.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace LambdaPermTools.Tests.Templates
{
    /// <summary>
    /// Round trip: the resources written for a template's Denied findings, pasted under its Resources, make the re-check
    /// Allowed (and change nothing else), and cfn-lint accepts the merged templates.
    /// </summary>
    public class TemplateFixRendererTests
    {
        private static readonly TemplateSettings Open = new();
        private static readonly TemplateSettings UsEast1 = new() { Region = "us-east-1", AccountId = "123456789012" };

        public static IEnumerable<object[]> Templates => new[]
        {
            new object[] { "cfn-rest-api.yaml", false },
            new object[] { "kc-method-snippet.yaml", true },
            new object[] { "openapi-body.json", false },
            new object[] { "sam-authorizer.yaml", false },
            new object[] { "sam-definition-body.yaml", false },
            new object[] { "sam-autopublish-alias.yaml", false },
        };

        [Theory]
        [MemberData(nameof(Templates))]
        public void PastedFixMakesTheReCheckAllowed(string fixture, bool concrete) => RoundTrip(fixture, concrete ? UsEast1 : Open, f => f);

        [Theory]
        [MemberData(nameof(Templates))]
        public void FindingsReadBackWithoutTheirHintAreFixedToo(string fixture, bool concrete) =>
            RoundTrip(fixture, concrete ? UsEast1 : Open, f => new PermissionFinding(f) { Status = f.Status, Cause = f.Cause, SourceArn = f.SourceArn, Reason = f.Reason });

        [Fact]
        public void CfnLintAcceptsEveryMergedTemplate()
        {
            var cfnLint = Tool.Find("cfn-lint");
            Assert.True(cfnLint != null, "cfn-lint is not on PATH; this machine is documented to have it (toolchain-notes.md).");
            using var directory = Tool.TempDirectory();
            var files = Templates.Select(t => (string)t[0]).Select(f => directory.Write(f, Merged(f, f == "kc-method-snippet.yaml" ? UsEast1 : Open, x => x).Text)).ToList();
            var (exit, output, error) = Tool.Run(cfnLint!, new[] { "--regions", "us-east-1", "--" }.Concat(files));
            Assert.True(exit == 0, $"cfn-lint exit {exit}: {output} {error}");
        }

        [Fact]
        public void WritesTheTemplatesOwnNamesForFunctionsAliasesAndApis()
        {
            var yaml = Merged("sam-autopublish-alias.yaml", Open, f => f).Snippet;
            Assert.Contains("FunctionName: !Ref HelloFunction.Alias", yaml);
            Assert.Contains("SourceArn: !Sub \"arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${HelloApi}/*/GET/hello\"", yaml);
            var concrete = Merged("kc-method-snippet.yaml", UsEast1, f => f).Snippet;
            Assert.Contains("!Sub \"arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/authorizers/${Authorizer}\"", concrete);
            Assert.Contains("AuthorizerPermission2:", concrete);
        }

        [Theory]
        [InlineData(TemplateFormat.Terraform)]
        [InlineData(TemplateFormat.AwsCli)]
        [InlineData(TemplateFormat.AwsPowerShell)]
        public void OnlyCloudFormationCanHoldTheTemplatesNames(TemplateFormat format)
        {
            var findings = TemplateCheck.Run(TemplateFixtures.Read("cfn-rest-api.yaml"), "t.yaml", Open).Findings;
            Assert.Throws<NotSupportedException>(() => TemplateFixRenderer.Write(findings, format));
        }

        [Fact]
        public void NothingToFixWritesNothing()
        {
            var findings = TemplateCheck.Run(TemplateFixtures.Read("sam-api-events.yaml"), "t.yaml", Open).Findings;
            Assert.Equal("", TemplateFixRenderer.Write(findings, TemplateFormat.CloudFormationYaml));
        }

        private static void RoundTrip(string fixture, TemplateSettings settings, Func<PermissionFinding, PermissionFinding> pass)
        {
            var (before, text, _) = Merged(fixture, settings, pass);
            var after = TemplateCheck.Run(text, fixture, settings).Findings;
            Assert.Equal(before.Count, after.Count);
            Assert.Contains(before, f => f.Status == PermissionStatus.Denied);
            for (var i = 0; i < before.Count; i++)
            {
                var fixable = before[i].Status == PermissionStatus.Denied && before[i].SourceArn != null;
                var expected = fixable ? PermissionStatus.Allowed : before[i].Status;
                Assert.True(expected == after[i].Status, $"{after[i].StageName} {after[i].Kind} {after[i].HttpMethod} {after[i].ResourcePath}: {after[i].Status}, expected {expected}. {after[i].Reason}");
                if (fixable)
                {
                    Assert.NotEqual("", after[i].PermissionLogicalId);
                }
            }
        }

        /// <summary>The findings, the template with the fix pasted under its Resources (YAML as text, JSON as JSON), and the fix.</summary>
        private static (IReadOnlyList<PermissionFinding> Before, string Text, string Snippet) Merged(string fixture, TemplateSettings settings, Func<PermissionFinding, PermissionFinding> pass)
        {
            var template = TemplateFixtures.Read(fixture);
            var before = TemplateCheck.Run(template, fixture, settings).Findings;
            var passed = before.Select(pass).ToList();
            if (fixture.EndsWith(".json", StringComparison.Ordinal))
            {
                var snippet = TemplateFixRenderer.Write(passed, TemplateFormat.CloudFormationJson);
                var root = JsonNode.Parse(template)!.AsObject();
                foreach (var resource in JsonNode.Parse(snippet)!["Resources"]!.AsObject().ToList())
                {
                    root["Resources"]!.AsObject()[resource.Key] = resource.Value!.DeepClone();
                }

                return (before, root.ToJsonString(), snippet);
            }

            var yaml = TemplateFixRenderer.Write(passed, TemplateFormat.CloudFormationYaml);
            var stream = new YamlStream();
            stream.Load(new System.IO.StringReader(yaml.Replace("!Ref ", "").Replace("!Sub ", "")));
            Assert.IsType<YamlMappingNode>(((YamlMappingNode)stream.Documents.Single().RootNode)["Resources"]);

            // Pasted as a user would: the resources' lines right under the template's "Resources:" line.
            var lines = template.Split('\n').ToList();
            var at = lines.FindIndex(l => l.TrimEnd() == "Resources:");
            lines.InsertRange(at + 1, yaml.Split('\n').SkipWhile(l => l != "Resources:").Skip(1).Where(l => l.Length > 0));
            return (before, string.Join("\n", lines), yaml);
        }
    }
}

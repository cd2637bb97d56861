using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using LambdaPermTools.Grants;
using LambdaPermTools.Planning;
using LambdaPermTools.Rendering;
using LambdaPermTools.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace LambdaPermTools.Tests.Rendering
{
    /// <summary>TemplateWriter: every form is valid in its language, and every value survives its quoting.</summary>
    public class TemplateWriterTests
    {
        private static readonly PlannedGrant[] Grants =
        {
            Grant("arn:aws:lambda:us-east-1:111122223333:function:orders", "live", "arn:aws:execute-api:us-east-1:111122223333:a1b2c3/*/GET/pets/*"),
            Grant("arn:aws:lambda:us-east-1:111122223333:function:orders", null, "arn:aws:execute-api:us-east-1:111122223333:a1b2c3/*/*/"),
            Grant("arn:aws:lambda:eu-west-1:444455556666:function:auth", "3", "arn:aws:execute-api:eu-west-1:111122223333:a1b2c3/authorizers/au1"),
        };

        // Not valid for Lambda, but every character a quoting rule must handle.
        private static readonly PlannedGrant Hostile = Grant("arn:aws:lambda:us-east-1:111122223333:function:f", "it's ${x} %{y} \"q\" \\ ’ $LATEST", "arn:aws:execute-api:us-east-1:111122223333:a1b2c3/*/GET/it's/$HOME/`id`/*");

        private static PlannedGrant Grant(string function, string? qualifier, string sourceArn) => new()
        {
            FunctionName = function,
            Qualifier = qualifier,
            Region = function.Split(':')[3],
            FunctionAccountId = function.Split(':')[4],
            SourceArn = sourceArn,
            StatementId = StatementIds.For(sourceArn),
        };

        [Fact]
        public void CloudFormationJsonParsesAndHoldsEveryGrant()
        {
            using var json = JsonDocument.Parse(TemplateWriter.Write(Grants.Append(Hostile).ToList(), TemplateFormat.CloudFormationJson));
            var resources = json.RootElement.GetProperty("Resources").EnumerateObject().ToList();
            Assert.Equal(4, resources.Count);
            Assert.All(resources, r => Assert.Matches("^[A-Za-z0-9]+$", r.Name));
            foreach (var (resource, grant) in resources.Zip(Grants.Append(Hostile)))
            {
                var properties = resource.Value.GetProperty("Properties");
                Assert.Equal("AWS::Lambda::Permission", resource.Value.GetProperty("Type").GetString());
                Assert.Equal(grant.QualifiedFunctionArn, properties.GetProperty("FunctionName").GetString());
                Assert.Equal(grant.SourceArn, properties.GetProperty("SourceArn").GetString());
                Assert.Equal("apigateway.amazonaws.com", properties.GetProperty("Principal").GetString());
                Assert.Equal("lambda:InvokeFunction", properties.GetProperty("Action").GetString());
            }
        }

        [Fact]
        public void CloudFormationYamlIsWellFormedAndHoldsEveryGrant()
        {
            var stream = new YamlStream();
            stream.Load(new System.IO.StringReader(TemplateWriter.Write(Grants.Append(Hostile).ToList(), TemplateFormat.CloudFormationYaml)));
            var resources = (YamlMappingNode)((YamlMappingNode)stream.Documents.Single().RootNode)["Resources"];
            Assert.Equal(4, resources.Children.Count);
            foreach (var (resource, grant) in resources.Children.Zip(Grants.Append(Hostile)))
            {
                var properties = (YamlMappingNode)((YamlMappingNode)resource.Value)["Properties"];
                Assert.Equal(grant.QualifiedFunctionArn, ((YamlScalarNode)properties["FunctionName"]).Value);
                Assert.Equal(grant.SourceArn, ((YamlScalarNode)properties["SourceArn"]).Value);
            }
        }

        [Fact] // one cfn-lint run for both forms: it is a slow Python start
        public void CfnLintAcceptsBothTemplates()
        {
            using var directory = Tool.TempDirectory();
            var yaml = directory.Write("template.yaml", TemplateWriter.Write(Grants, TemplateFormat.CloudFormationYaml));
            var json = directory.Write("template.json", TemplateWriter.Write(Grants, TemplateFormat.CloudFormationJson));
            var (exit, output, error) = Tool.CfnLint(new[] { "--regions", "us-east-1", "--", yaml, json });
            Assert.True(exit == 0, $"cfn-lint exit {exit}: {output} {error}");
        }

        [Fact]
        public void TerraformIsCanonicalHclAndKeepsEveryValue()
        {
            var terraform = Tool.Find("terraform");
            Assert.True(terraform != null, "terraform is not on PATH.");
            using var directory = Tool.TempDirectory();
            var environment = new Dictionary<string, string> { ["TF_CLI_CONFIG_FILE"] = directory.Write("cli.tfrc", ""), ["CHECKPOINT_DISABLE"] = "1" };
            var hcl = TemplateWriter.Write(Grants.Append(Hostile).ToList(), TemplateFormat.Terraform);

            var format = Tool.Run(terraform!, new[] { "fmt", "-" }, hcl, directory.Path, environment);
            Assert.True(format.ExitCode == 0, format.Error);
            Assert.Equal(hcl, format.Output);

            // The hostile values decode to themselves: read them back through terraform console.
            var locals = string.Join("\n", new[] { Hostile.Qualifier!, Hostile.SourceArn }.Select((v, i) => $"locals {{\n  v{i} = {Quote(v)}\n}}"));
            directory.Write("main.tf", locals + "\n");
            // terraform console prints only its last result when fed from a pipe: ask for both values in one expression.
            var console = Tool.Run(terraform!, new[] { "console" }, "base64encode(jsonencode([local.v0, local.v1]))\n", directory.Path, environment);
            Assert.True(console.ExitCode == 0, console.Error);
            var decoded = JsonSerializer.Deserialize<string[]>(Convert.FromBase64String(console.Output.Trim().Trim('"')));
            Assert.Equal(new[] { Hostile.Qualifier!, Hostile.SourceArn }, decoded);
            Assert.Contains($"qualifier     = {Quote(Hostile.Qualifier!)}", hcl);
        }

        [Fact]
        public void AwsCliCommandsPassEveryValueVerbatim()
        {
            var script = TemplateWriter.Write(new[] { Grants[0], Hostile }, TemplateFormat.AwsCli);
            var (exit, output, error) = Tool.Run("/bin/sh", new[] { "-c", "aws() { printf '%s\\n' \"$@\"; printf '%s\\n' '--end--'; }\n" + script });
            Assert.True(exit == 0, error);
            var calls = output.Split("--end--\n", StringSplitOptions.RemoveEmptyEntries).Select(c => c.TrimEnd('\n').Split('\n')).ToList();
            Assert.Equal(Expected(Grants[0], "--", Kebab), calls[0].Skip(2));
            Assert.Equal(Expected(Hostile, "--", Kebab), calls[1].Skip(2));
            Assert.Equal(new[] { "lambda", "add-permission" }, calls[0].Take(2));
        }

        [Fact]
        public void AddLmPermissionLinesBindEveryValueVerbatim()
        {
            var script = TemplateWriter.Write(new[] { Grants[0], Hostile }, TemplateFormat.AwsPowerShell);
            const string fake = "function Add-LMPermission { param($Region, $FunctionName, $Qualifier, $StatementId, $Action, $Principal, $SourceArn) " +
                "$PSBoundParameters.GetEnumerator() | ForEach-Object { '-' + $_.Key; [string]$_.Value }; '--end--' }\n";
            using var directory = Tool.TempDirectory();
            var file = directory.Write("fix.ps1", fake + script);
            var (exit, output, error) = Tool.Run("dotnet", new[] { "pwsh", "-NoProfile", "-NonInteractive", "-File", file }, workingDirectory: AppContext.BaseDirectory);
            Assert.True(exit == 0, output + error);
            var calls = output.Replace("\r", "").Split("--end--\n", StringSplitOptions.RemoveEmptyEntries).Select(c => c.TrimEnd('\n').Split('\n')).ToList();
            Assert.Equal(Expected(Grants[0], "-", n => n), calls[0]);
            Assert.Equal(Expected(Hostile, "-", n => n), calls[1]);
        }

        [Fact]
        public void NamesAreDeterministicAndDistinctPerFunction()
        {
            var same = Grant("arn:aws:lambda:us-east-1:111122223333:function:other", "live", Grants[0].SourceArn);
            var first = TemplateWriter.Write(new[] { Grants[0], same }, TemplateFormat.CloudFormationJson);
            Assert.Equal(first, TemplateWriter.Write(new[] { Grants[0], same }, TemplateFormat.CloudFormationJson));
            using var json = JsonDocument.Parse(first);
            Assert.Equal(2, json.RootElement.GetProperty("Resources").EnumerateObject().Select(r => r.Name).Distinct().Count());
        }

        [Fact]
        public void IdenticalGrantsAreWrittenOnceAndNothingGivesEmptyText()
        {
            Assert.Single(JsonDocument.Parse(TemplateWriter.Write(new[] { Grants[0], Grants[0] }, TemplateFormat.CloudFormationJson)).RootElement.GetProperty("Resources").EnumerateObject());
            Assert.Equal("", TemplateWriter.Write(Array.Empty<PlannedGrant>(), TemplateFormat.Terraform));
        }

        private static IEnumerable<string> Expected(PlannedGrant grant, string dash, Func<string, string> spell)
        {
            var values = new List<(string, string?)>
            {
                ("Region", grant.Region), ("FunctionName", grant.FunctionName), ("Qualifier", grant.Qualifier), ("StatementId", grant.StatementId),
                ("Action", grant.Action), ("Principal", grant.Principal), ("SourceArn", grant.SourceArn),
            };
            return values.Where(v => v.Item2 != null).SelectMany(v => new[] { dash + spell(v.Item1), v.Item2! });
        }

        private static string Kebab(string pascal) => string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

        private static string Quote(string value) => TemplateWriter.Write(new[] { Grant("arn:aws:lambda:us-east-1:111122223333:function:f", value, "arn:aws:execute-api:us-east-1:111122223333:a/*") }, TemplateFormat.Terraform)
            .Split('\n').Single(l => l.TrimStart().StartsWith("qualifier")).Split(" = ", 2)[1];
    }
}

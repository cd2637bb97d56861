using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using LambdaPermTools.Templates;
using LambdaPermTools.Tests.Support;

namespace LambdaPermTools.Tests.Templates
{
    /// <summary>Every template fixture gives exactly its expected findings, in order (only the properties the expectation names are compared).</summary>
    public class FixtureTests
    {
        public static IEnumerable<object[]> Fixtures => TemplateFixtures.WithExpectations();

        [Theory]
        [MemberData(nameof(Fixtures))]
        public void FindingsAreTheExpectedOnes(string fixture)
        {
            using var expected = JsonDocument.Parse(TemplateFixtures.Read(fixture.Substring(0, fixture.LastIndexOf('.')) + ".expected.json"));
            var (settings, wanted) = Expectation(expected.RootElement);
            var result = TemplateCheck.Run(TemplateFixtures.Read(fixture), fixture, settings);
            var actual = result.Findings.Select(Describe).ToList();
            Assert.True(wanted.Count == actual.Count, $"{actual.Count} findings, expected {wanted.Count}:\n{string.Join("\n", actual.Select(a => JsonSerializer.Serialize(a)))}");
            for (var i = 0; i < wanted.Count; i++)
            {
                foreach (var property in wanted[i].EnumerateObject())
                {
                    Assert.True(actual[i].TryGetValue(property.Name, out var value), $"finding #{i + 1} has no property {property.Name}");
                    Assert.True(property.Value.GetString() == value, $"finding #{i + 1} ({actual[i]["StageName"]} {actual[i]["Kind"]} {actual[i]["HttpMethod"]} {actual[i]["ResourcePath"]}): {property.Name} is '{value}', expected '{property.Value.GetString()}'. Reason: {actual[i]["Reason"]}");
                }
            }

            Assert.All(result.Findings, f => Assert.Equal(fixture, f.TemplatePath));
        }

        /// <summary>An expectation is the list of findings, or an object with Settings (Region, AccountId, Parameters) and Findings.</summary>
        private static (TemplateSettings Settings, List<JsonElement> Findings) Expectation(JsonElement root)
        {
            var settings = new TemplateSettings();
            if (root.ValueKind == JsonValueKind.Array)
            {
                return (settings, root.EnumerateArray().ToList());
            }

            var given = root.GetProperty("Settings");
            settings.Region = given.TryGetProperty("Region", out var region) ? region.GetString() : null;
            settings.AccountId = given.TryGetProperty("AccountId", out var account) ? account.GetString() : null;
            if (given.TryGetProperty("Parameters", out var parameters))
            {
                foreach (var parameter in parameters.EnumerateObject())
                {
                    settings.Parameters[parameter.Name] = new[] { parameter.Value.GetString()! };
                }
            }

            return (settings, root.GetProperty("Findings").EnumerateArray().ToList());
        }

        private static Dictionary<string, string?> Describe(PermissionFinding finding) =>
            typeof(PermissionFinding).GetProperties().Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.GetGetMethod() != null)
                .ToDictionary(p => p.Name, p => p.GetValue(finding) switch { null => null, string[] a => string.Join(",", a), var v => v.ToString() });
    }
}

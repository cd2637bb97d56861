using System.Linq;
using LambdaPermTools.Templates;

namespace LambdaPermTools.Tests.Templates
{
    /// <summary>Reading templates: YAML short forms become the long form, JSON reads alike, and bad input says where.</summary>
    public class TemplateParserTests
    {
        [Fact]
        public void EveryShortFormTagBecomesItsLongForm()
        {
            var root = TemplateParser.Parse("""
            Resources:
              A:
                Type: AWS::Lambda::Permission
                Properties:
                  Values: [!Ref X, !Sub a, !GetAtt B.Arn, !Join ["", [a]], !Select [0, [a]], !Split [",", a], !If [C, a, b],
                           !FindInMap [M, a, b], !ImportValue e, !Base64 a, !Cidr [a, 1, 2], !GetAZs "", !Condition C,
                           !Equals [a, b], !And [!Condition C], !Or [!Condition C], !Not [!Condition C], !Transform {Name: x},
                           !Length [a], !ToJsonString {a: b}]
            """);
            var values = root["Resources"]!["A"]!["Properties"]!["Values"]!.Items.Select(v => v.FunctionName).ToList();
            Assert.Equal(new[]
            {
                "Ref", "Fn::Sub", "Fn::GetAtt", "Fn::Join", "Fn::Select", "Fn::Split", "Fn::If", "Fn::FindInMap", "Fn::ImportValue", "Fn::Base64",
                "Fn::Cidr", "Fn::GetAZs", "Condition", "Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not", "Fn::Transform", "Fn::Length", "Fn::ToJsonString",
            }, values);
        }

        [Fact]
        public void YamlSyntaxErrorNamesLineAndColumn()
        {
            var error = Assert.Throws<TemplateParseException>(() => TemplateParser.Parse("Resources:\n  A:\n    Type: x\n   Properties: [\n"));
            Assert.Equal((4, 4), (error.Line, error.Column));
            Assert.StartsWith("is not valid YAML:", error.Message);
            Assert.False(error.NotATemplate);
        }

        [Fact]
        public void UnknownTagIsAnErrorAtTheTag()
        {
            var error = Assert.Throws<TemplateParseException>(() => TemplateParser.Parse("Resources:\n  A:\n    Type: x\n    Properties:\n      Uri: !Foo bar\n"));
            Assert.Equal((5, 12), (error.Line, error.Column));
            Assert.Contains("'!Foo'", error.Message);
        }

        [Fact]
        public void RepeatedKeyIsAnError()
        {
            var error = Assert.Throws<TemplateParseException>(() => TemplateParser.Parse("Resources:\n  A:\n    Type: x\n  A:\n    Type: y\n"));
            Assert.Contains("Duplicate key", error.Message);
            Assert.Equal(4, error.Line);
        }

        [Theory]
        [InlineData("name: pipeline\nsteps:\n  - run: make\n")]
        [InlineData("")]
        [InlineData("Resources: [a, b]\n")]
        [InlineData("[1, 2]")]
        public void TextThatIsNoTemplateSaysSo(string text)
        {
            var error = Assert.Throws<TemplateParseException>(() => TemplateParser.Parse(text));
            Assert.True(error.NotATemplate, error.Message);
        }

        [Fact]
        public void InvalidJsonNamesLineAndColumn()
        {
            // Neither JSON nor a YAML flow mapping: the JSON error is the one reported.
            var error = Assert.Throws<TemplateParseException>(() => TemplateParser.Parse("{\n  \"Resources\": {\n    \"A\": { \"Type\": \"x\" ]\n  }\n}\n"));
            Assert.StartsWith("is not valid JSON:", error.Message);
            Assert.Equal((3, 24), (error.Line, error.Column));
        }

        [Fact]
        public void JsonWithTabsAndYamlFlowReadAlike()
        {
            var json = TemplateParser.Parse("{\n\t\"Resources\": {\n\t\t\"A\": {\"Type\": \"X\", \"Properties\": {\"U\": {\"Fn::Sub\": \"a\"}}}\n\t}\n}\n");
            var yaml = TemplateParser.Parse("Resources:\n  A:\n    Type: X\n    Properties:\n      U: !Sub a\n");
            Assert.Equal(yaml["Resources"]!["A"]!["Properties"]!["U"]!.FunctionName, json["Resources"]!["A"]!["Properties"]!["U"]!.FunctionName);
            Assert.Equal("X", json["Resources"]!["A"]!["Type"]!.Text);
        }

        [Fact]
        public void MoreThanOneDocumentIsAnError()
        {
            var error = Assert.Throws<TemplateParseException>(() => TemplateParser.Parse("Resources:\n  A: {Type: x}\n---\nResources: {}\n"));
            Assert.Equal(4, error.Line);
        }
    }
}

using System.Collections.Generic;
using LambdaPermTools.Templates;

namespace LambdaPermTools.Tests.Templates
{
    /// <summary>Intrinsic functions offline: concrete where the template or the caller says, symbolic where deployment decides, unresolved where nothing can know.</summary>
    public class ValueResolverTests
    {
        private const string Template = """
        Parameters:
          Env: { Type: String, Default: prod }
          Names: { Type: CommaDelimitedList, Default: "a, b,c" }
          NoDefault: { Type: String }
          FromSsm: { Type: "AWS::SSM::Parameter::Value<String>", Default: /app/fn }
        Mappings:
          Stages: { prod: { Name: live }, dev: { Name: test } }
          ByRegion: { us-east-1: { Fn: east } }
        Conditions:
          IsProd: !Equals [!Ref Env, prod]
          NotProd: !Not [!Condition IsProd]
          InEast: !Equals [!Ref AWS::Region, us-east-1]
          ProdOrEast: !Or [!Condition IsProd, !Condition InEast]
          ProdAndEast: !And [!Condition IsProd, !Condition InEast]
        Resources:
          Fn:
            Type: AWS::Lambda::Function
            Properties: { FunctionName: !Sub "${Env}-pets" }
          Generated:
            Type: AWS::Lambda::Function
          Live:
            Type: AWS::Lambda::Alias
            Properties: { FunctionName: !Ref Fn, Name: live }
          Api:
            Type: AWS::ApiGateway::RestApi
          Nested:
            Type: AWS::CloudFormation::Stack
          V:
            Type: Test
            Properties:
              Sub: !Sub "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/${Env}/GET/${!Literal}"
              SubList: !Sub ["${A}-${B}", { A: x, B: !Ref Env }]
              GetAtt: !GetAtt Fn.Arn
              GetAttList: !GetAtt [Generated, Arn]
              Alias: !Ref Live
              Join: !Join [":", [a, !Ref Env, !Select [1, !Ref Names]]]
              Split: !Select [2, !Split ["/", "x/y/z"]]
              If: !If [IsProd, yes, no]
              NotProd: !If [NotProd, yes, no]
              ProdOrEast: !If [ProdOrEast, yes, no]
              ProdAndEast: !If [ProdAndEast, yes, no]
              InEast: !If [InEast, yes, no]
              FindInMap: !FindInMap [Stages, !Ref Env, Name]
              FindByRegion: !FindInMap [ByRegion, !Ref AWS::Region, Fn]
              Length: !Length [a, b, c]
              Json: !ToJsonString { a: [1] }
              Import: !ImportValue shared-arn
              NoDefault: !Ref NoDefault
              FromSsm: !Ref FromSsm
              Output: !GetAtt Nested.Outputs.FnArn
              NoValue: [a, !Ref AWS::NoValue, b]
        """;

        private static (ValueResolver Resolver, TemplateNode Properties) Read(TemplateSettings? settings = null)
        {
            var root = TemplateParser.Parse(Template);
            var resolver = new ValueResolver(root, new SymbolTable(Template), settings ?? new TemplateSettings());
            _ = new ResourceCatalog(root["Resources"]!, resolver);
            return (resolver, root["Resources"]!["V"]!["Properties"]!);
        }

        private static string Value(string property, TemplateSettings? settings = null)
        {
            var (resolver, properties) = Read(settings);
            return resolver.Symbols.Decode(resolver.String(properties[property]!));
        }

        [Theory]
        [InlineData("Sub", "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/prod/GET/${Literal}")]
        [InlineData("SubList", "x-prod")]
        [InlineData("GetAtt", "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:prod-pets")]
        [InlineData("GetAttList", "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${Generated}")]
        [InlineData("Alias", "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:prod-pets:live")]
        [InlineData("Join", "a:prod:b")]
        [InlineData("Split", "z")]
        [InlineData("If", "yes")]
        [InlineData("NotProd", "no")]
        [InlineData("ProdOrEast", "yes")]
        [InlineData("FindInMap", "live")]
        [InlineData("Length", "3")]
        [InlineData("Json", "{\"a\":[\"1\"]}")]
        public void ResolvesOffline(string property, string expected) => Assert.Equal(expected, Value(property));

        [Fact]
        public void RegionAndAccountGivenMakeThePseudoParametersConcrete()
        {
            var settings = new TemplateSettings { Region = "cn-north-1", AccountId = "111122223333" };
            Assert.Equal("arn:aws-cn:execute-api:cn-north-1:111122223333:${Api}/prod/GET/${Literal}", Value("Sub", settings));
            Assert.Equal("no", Value("InEast", settings));
            Assert.Equal("no", Value("ProdAndEast", settings));
        }

        [Fact]
        public void ParametersGivenReplaceDefaults()
        {
            var settings = new TemplateSettings();
            settings.Parameters["Env"] = new[] { "dev" };
            Assert.Equal("test", Value("FindInMap", settings));
            Assert.Equal("no", Value("If", settings));
        }

        [Theory]
        [InlineData("Import", "!ImportValue shared-arn", "export")]
        [InlineData("NoDefault", "!Ref NoDefault", "no default")]
        [InlineData("FromSsm", "!Ref FromSsm", "SSM")]
        [InlineData("InEast", "!Equals [!Ref 'AWS::Region', us-east-1]", "known only at deployment")]
        [InlineData("ProdAndEast", "!Equals [!Ref 'AWS::Region', us-east-1]", "known only at deployment")]
        [InlineData("FindByRegion", "!FindInMap [ByRegion, !Ref 'AWS::Region', Fn]", "known only at deployment")]
        public void WhatOnlyDeploymentKnowsIsUnresolvedWithItsExpression(string property, string expression, string why)
        {
            var (resolver, properties) = Read();
            var error = Assert.Throws<UnresolvedValueException>(() => resolver.String(properties[property]!));
            Assert.EndsWith(expression, error.Expression);
            Assert.Contains(why, error.Why);
        }

        [Fact]
        public void ANestedStacksOutputIsOpaque()
        {
            var (resolver, properties) = Read();
            var output = resolver.String(properties["Output"]!);
            Assert.True(resolver.Symbols.IsOpaque(output));
            Assert.Equal("${Nested.Outputs.FnArn}", resolver.Symbols.Decode(output));
        }

        [Fact]
        public void NoValueRemovesTheListItem()
        {
            var (resolver, properties) = Read();
            Assert.Equal(new List<object?> { "a", "b" }, resolver.Resolve(properties["NoValue"]!));
        }

        [Fact]
        public void AStandInNeverEqualsLiteralTextOfTheTemplate()
        {
            // A plain string "${Api}" is literal text in AWS; the API's id is a stand-in that the template's text cannot contain.
            var (resolver, properties) = Read();
            var sub = resolver.String(properties["Sub"]!);
            Assert.DoesNotContain("${Api}", sub);
            Assert.DoesNotContain(sub.Split(':')[3], Template);
        }
    }
}

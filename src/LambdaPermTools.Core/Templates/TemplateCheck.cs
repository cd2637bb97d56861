using System.Linq;

namespace LambdaPermTools.Templates
{
    /// <summary>
    /// Test-ApiLambdaPermissionTemplate's engine: reads a CloudFormation or SAM template (JSON or YAML) and judges, offline,
    /// whether API Gateway may invoke each Lambda function that its REST APIs' methods and authorizers name, per stage.
    /// </summary>
    public static class TemplateCheck
    {
        /// <summary>
        /// One finding per integration or Lambda authorizer × stage the template declares (stage "*" when it declares none);
        /// <paramref name="templatePath"/> is the file, for the findings' TemplatePath (empty for text given directly).
        /// </summary>
        /// <exception cref="TemplateParseException">Not a template, or not valid JSON or YAML.</exception>
        public static TemplateCheckResult Run(string text, string templatePath, TemplateSettings settings)
        {
            var (model, resolver) = Read(text, settings);
            return new TemplateCheckResult(TemplateEvaluator.Evaluate(model, resolver, templatePath), model.Warnings);
        }

        /// <summary>The template's model, before judging (tests compare SAM's permissions with its translator's).</summary>
        internal static (TemplateModel Model, ValueResolver Resolver) Read(string text, TemplateSettings settings)
        {
            var root = TemplateParser.Parse(text);

            // No stand-in may occur in the template or in a value the caller makes concrete.
            var known = string.Join("\n", new[] { text, settings.Region ?? "", settings.AccountId ?? "" }.Concat(settings.Parameters.Values.SelectMany(v => v)));
            var resolver = new ValueResolver(root, new SymbolTable(known), settings);
            var catalog = new ResourceCatalog(root["Resources"]!, resolver);
            var model = new TemplateModel();
            var sam = SamReader.IsSam(root) ? new SamReader(root, catalog, resolver, model) : null;
            sam?.Prepare();
            var cloudFormation = new CloudFormationReader(catalog, resolver, model);
            cloudFormation.Read();
            sam?.Read(cloudFormation);
            return (model, resolver);
        }
    }
}

using System;
using System.Linq;
using System.Reflection;

namespace LambdaPermTools.Tests.Evaluation
{
    public class ModelTests
    {
        [Fact] // every settable target property, found by reflection, so a property added later is checked too
        public void FindingCopiesEveryTargetProperty()
        {
            var properties = typeof(IntegrationTarget).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true).ToList();
            Assert.True(properties.Count >= 21, $"only {properties.Count} target properties found");
            var target = new IntegrationTarget();
            foreach (var property in properties)
            {
                property.SetValue(target, Distinct(property));
            }

            var finding = new PermissionFinding(target);

            foreach (var property in properties)
            {
                var expected = property.GetValue(target);
                var actual = property.GetValue(finding);
                Assert.NotEqual(property.GetValue(new IntegrationTarget()), expected);
                if (expected is string[] array)
                {
                    Assert.Equal(array, (string[])actual!);
                    Assert.NotSame(array, actual);
                }
                else
                {
                    Assert.True(Equals(expected, actual), $"{property.Name}: expected '{expected}', the finding has '{actual}'");
                }
            }
        }

        // A value no other property gets and that differs from the default, per property type.
        private static object Distinct(PropertyInfo property)
        {
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (type == typeof(string))
            {
                return "value-of-" + property.Name;
            }

            if (type == typeof(string[]))
            {
                return new[] { "first-of-" + property.Name, "second-of-" + property.Name };
            }

            if (type.IsEnum)
            {
                return Enum.GetValues(type).Cast<object>().Last(v => !Equals(v, Activator.CreateInstance(type)));
            }

            if (type == typeof(bool))
            {
                return true;
            }

            throw new InvalidOperationException($"Give {property.Name} ({type}) a distinct value here.");
        }
    }
}

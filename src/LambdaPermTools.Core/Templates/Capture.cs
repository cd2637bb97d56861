using System;
using System.Collections.Generic;

namespace LambdaPermTools.Templates
{
    /// <summary>Reads one value and, when it cannot be resolved offline, records why instead of failing the whole template.</summary>
    internal static class Capture
    {
        public static T? Value<T>(List<UnresolvedValueException> unresolved, Func<T?> read)
            where T : class
        {
            try
            {
                return read();
            }
            catch (UnresolvedValueException e)
            {
                unresolved.Add(e);
                return null;
            }
        }

        /// <summary>Whether a resource with this Condition attribute exists: true, false, or null (recorded) when it cannot be decided.</summary>
        public static bool? Exists(ValueResolver resolver, TemplateNode? condition, List<UnresolvedValueException> unresolved)
        {
            if (condition == null)
            {
                return true;
            }

            try
            {
                return resolver.Condition(resolver.String(condition), condition);
            }
            catch (UnresolvedValueException e)
            {
                unresolved.Add(e);
                return null;
            }
        }
    }
}

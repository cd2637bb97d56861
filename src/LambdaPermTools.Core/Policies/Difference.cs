namespace LambdaPermTools.Policies
{
    /// <summary>One reason a statement does not grant: which part, and a plain phrase that says how it differs.</summary>
    public sealed class Difference
    {
        public Difference(DifferencePart part, string text)
        {
            Part = part;
            Text = text;
        }

        public DifferencePart Part { get; }

        /// <summary>A phrase that completes "it differs in …", e.g. "the stage (it allows 'prod', this is 'dev')".</summary>
        public string Text { get; }

        /// <summary>How far apart this puts the statement from granting; used to pick the nearest statement.</summary>
        internal int Weight
        {
            get
            {
                switch (Part)
                {
                    case DifferencePart.Effect:
                    case DifferencePart.Principal:
                    case DifferencePart.Action:
                    case DifferencePart.Service:
                    case DifferencePart.Partition:
                    case DifferencePart.FunctionUrl:
                        return 4;
                    case DifferencePart.Resource:
                        return 3;
                    case DifferencePart.ApiId:
                    case DifferencePart.SourceAccount:
                    case DifferencePart.SourceArnShape:
                        return 2;
                    default:
                        return 1;
                }
            }
        }

        public override string ToString() => Text;
    }
}

using System.Globalization;

namespace Blog.Web.Media;

/// <summary>
/// The point of a photo a crop keeps in view, in whole percent of its width and height. Readers' pages show it with
/// one of the stylesheet's <c>focus-x-N focus-y-N</c> classes (steps of 5): the CSP allows no inline style.
/// </summary>
public readonly record struct FocalPoint(int X, int Y)
{
    public static readonly FocalPoint Centre = new(50, 50);

    public static FocalPoint Of(int? x, int? y) => new(Clamp(x ?? 50), Clamp(y ?? 50));

    public string CssClass => string.Create(CultureInfo.InvariantCulture, $"focus-x-{Step(X)} focus-y-{Step(Y)}");

    private static int Clamp(int value) => Math.Clamp(value, 0, 100);

    private static int Step(int value) => (int)Math.Round(Clamp(value) / 5.0, MidpointRounding.AwayFromZero) * 5;
}

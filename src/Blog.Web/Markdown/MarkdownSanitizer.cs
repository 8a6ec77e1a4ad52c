using AngleSharp.Html.Dom;
using Ganss.Xss;

namespace Blog.Web.Markdown;

/// <summary>What rendered Markdown may contain: formatting, links, images, tables, footnotes; never script.</summary>
internal static class MarkdownSanitizer
{
    public static HtmlSanitizer Create()
    {
        var sanitizer = new HtmlSanitizer();

        foreach (var tag in new[] { "figure", "figcaption", "picture", "source", "section", "mark", "details", "summary" })
        {
            sanitizer.AllowedTags.Add(tag);
        }

        foreach (var tag in new[] { "form", "button", "textarea", "select", "option" })
        {
            sanitizer.AllowedTags.Remove(tag);
        }

        // Heading and footnote ids make sections linkable; the rest are what our image markup uses.
        foreach (var attribute in new[] { "id", "class", "loading", "decoding", "srcset", "sizes", "role", "aria-label", "aria-hidden", "start", "data-pswp-width", "data-pswp-height", "data-pswp-srcset" })
        {
            sanitizer.AllowedAttributes.Add(attribute);
        }

        sanitizer.AllowedSchemes.Add("mailto");

        // Table column alignment is the only inline style Markdown produces.
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowedCssProperties.Add("text-align");

        sanitizer.PostProcessNode += (_, e) =>
        {
            switch (e.Node)
            {
                // Task lists render as checkboxes that show progress; no other input survives, and none is clickable.
                case IHtmlInputElement { Type: "checkbox" } checkbox:
                    checkbox.IsDisabled = true;
                    // A task's checkbox is named by the task beside it.
                    checkbox.SetAttribute("aria-label", checkbox.ParentElement?.TextContent.Trim() is { Length: > 0 } task ? task : "Task");
                    break;
                case IHtmlPreElement or IHtmlTableElement:
                    // Code and tables scroll sideways in their own box when too wide: keyboard users must reach it.
                    ((AngleSharp.Dom.IElement)e.Node).SetAttribute("tabindex", "0");
                    break;
                case IHtmlInputElement input:
                    input.Remove();
                    break;
                case IHtmlAnchorElement { Target: "_blank" } link:
                    link.Relation = "noopener noreferrer";
                    break;
            }
        };
        return sanitizer;
    }
}

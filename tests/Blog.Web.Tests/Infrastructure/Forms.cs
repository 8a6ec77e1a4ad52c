using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Blog.Web.Tests.Infrastructure;

/// <summary>Submits a page's real forms, antiforgery token and all, as a browser without JavaScript would.</summary>
public static class Forms
{
    /// <summary>
    /// Loads <paramref name="url"/>, fills the form matched by <paramref name="formSelector"/> with <paramref name="values"/>
    /// (by field name) on top of what the form already holds, and submits it with the given button.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(
        this HttpClient client,
        string url,
        IReadOnlyDictionary<string, string> values,
        string formSelector = "main form",
        string? submitSelector = null)
    {
        var page = await client.GetDocumentAsync(url);
        return await client.SubmitFormAsync(page, url, values, formSelector, submitSelector);
    }

    public static async Task<HttpResponseMessage> SubmitFormAsync(
        this HttpClient client,
        IDocument page,
        string pageUrl,
        IReadOnlyDictionary<string, string> values,
        string formSelector = "main form",
        string? submitSelector = null)
    {
        var form = page.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new Xunit.Sdk.XunitException($"No form '{formSelector}' on {pageUrl}:\n{page.Body?.InnerHtml}");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } box when box.IsChecked && !string.IsNullOrEmpty(box.Name):
                    fields.Add(new(box.Name!, box.Value));
                    break;
                case IHtmlInputElement { Type: "checkbox" or "radio" or "submit" or "button" }:
                    break;
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name):
                    fields.Add(new(input.Name!, input.Value));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields.Add(new(area.Name!, area.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    fields.Add(new(select.Name!, select.Value ?? ""));
                    break;
            }
        }

        foreach (var (name, value) in values)
        {
            fields.RemoveAll(f => f.Key == name);
            fields.Add(new(name, value));
        }

        var action = form.GetAttribute("action") is { Length: > 0 } explicitAction ? explicitAction : pageUrl;
        if (submitSelector is not null)
        {
            var button = form.QuerySelector(submitSelector) as IHtmlElement
                ?? page.QuerySelector(submitSelector) as IHtmlElement
                ?? throw new Xunit.Sdk.XunitException($"No button '{submitSelector}' in the form on {pageUrl}");
            if (button.GetAttribute("name") is { Length: > 0 } buttonName)
            {
                fields.Add(new(buttonName, button.GetAttribute("value") ?? ""));
            }

            if (button.GetAttribute("formaction") is { Length: > 0 } formAction)
            {
                action = formAction;
            }
        }

        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(action, content);
    }
}

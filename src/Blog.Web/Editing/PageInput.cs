using System.ComponentModel.DataAnnotations;
using Blog.Web.Settings;
using Blog.Web.StaticPages;

namespace Blog.Web.Editing;

/// <summary>The static page editor's form: the shared fields and the page's place in the navigation.</summary>
public sealed class PageInput : ContentInput
{
    [Range(0, 1000)]
    [Display(Name = "Position in the navigation")]
    public int MenuOrder { get; set; }

    [Display(Name = "Show in the site navigation")]
    public bool ShowInNavigation { get; set; } = true;

    public static PageInput From(StaticPage page, BlogDates dates)
    {
        var input = new PageInput { MenuOrder = page.MenuOrder, ShowInNavigation = page.ShowInNavigation };
        input.Load(page, dates);
        return input;
    }
}

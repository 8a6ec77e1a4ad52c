using Blog.Web.Posts;

namespace Blog.Web.StaticPages;

/// <summary>A page outside the stream of posts, such as About, listed in the site navigation.</summary>
public sealed class StaticPage : PublishableContent
{
    /// <summary>Position in the site navigation, lowest first.</summary>
    public int MenuOrder { get; set; }

    public bool ShowInNavigation { get; set; } = true;

    private StaticPage()
    {
    }

    public StaticPage(string title, string slug, DateTime nowUtc)
        : base(title, slug, nowUtc)
    {
    }
}

using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Blog.Web.Data;

/// <summary>
/// An entity whose saves readers see on a few pages only, or not at all (a comment: held ones nowhere, approved ones
/// under their post). Saving it evicts just the pages tagged with what <see cref="PagesChangedBy"/> names, instead of
/// every page (<see cref="ContentChangeInterceptor"/>).
/// </summary>
public interface IChangesSomePages
{
    /// <summary>The tags (<see cref="ReaderPages"/>) of the pages this pending change alters; none when readers see no change.</summary>
    IEnumerable<string> PagesChangedBy(EntityEntry entry);
}

/// <summary>Tags of public pages narrower than "all content", which a page adds to itself and a save evicts.</summary>
public static class ReaderPages
{
    /// <summary>Every page: the tag all kept pages carry.</summary>
    public const string Everything = "content";

    /// <summary>The page of one post (and whatever else shows that post's comments).</summary>
    public static string Post(int postId) => "post:" + postId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

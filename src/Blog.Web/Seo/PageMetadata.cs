namespace Blog.Web.Seo;

/// <summary>What a public page tells the layout about itself: its title and the description search engines show.</summary>
public sealed record PageMetadata(string? Title, string? Description = null);

/// <summary>A page model whose page has its own title and description.</summary>
public interface IHasPageMetadata
{
    PageMetadata Metadata { get; }
}

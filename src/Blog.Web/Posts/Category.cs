namespace Blog.Web.Posts;

public sealed class Category
{
    public int Id { get; private set; }

    public string Name { get; set; }

    public string Slug { get; set; }

    public string? Description { get; set; }

    public List<Post> Posts { get; } = [];

    public Category(string name)
    {
        Name = name.Trim();
        Slug = Web.Posts.Slug.From(Name);
    }
}

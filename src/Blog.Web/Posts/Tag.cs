namespace Blog.Web.Posts;

public sealed class Tag
{
    public int Id { get; private set; }

    public string Name { get; set; }

    public string Slug { get; set; }

    public List<Post> Posts { get; } = [];

    public Tag(string name)
    {
        Name = name.Trim();
        Slug = Web.Posts.Slug.From(Name);
    }
}

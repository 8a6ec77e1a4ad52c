using Blog.Web.Comments;
using Blog.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Blog.Web.Tests.Comments;

/// <summary>Akismet, off by default, asked only when a key is set, through the address guard; a local Kestrel stands in for it.</summary>
public sealed class AkismetTests : IAsyncLifetime
{
    private readonly int port = FreePort.Next();
    private readonly List<IFormCollection> asked = [];
    private WebApplication? standIn;
    private BlogFactory app = default!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        standIn = builder.Build();
        standIn.MapPost("/1.1/comment-check", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            lock (asked)
            {
                asked.Add(form);
            }

            return form["comment_content"].ToString().Contains("viagra", StringComparison.OrdinalIgnoreCase) ? "true" : "false";
        });
        await standIn.StartAsync();
        app = CreateApp(allowPrivate: true);
        await app.AddPostAsync("Checked");
    }

    public async Task DisposeAsync()
    {
        app.Dispose();
        await standIn!.DisposeAsync();
    }

    private BlogFactory CreateApp(bool allowPrivate) => new()
    {
        Settings =
        {
            ["Blog:Comments:AkismetAddress"] = $"http://127.0.0.1:{port}",
            ["Blog:Comments:AkismetAllowPrivateAddresses"] = allowPrivate ? "true" : "false",
        },
    };

    [Fact]
    public async Task Without_a_key_Akismet_is_never_asked_and_with_one_it_decides_spam()
    {
        var reader = app.CreateReader();
        await app.CommentAsync(reader, "/blog/checked", CommentClient.Fields("Buy viagra before the key."));
        Assert.Empty(asked);

        await app.UpdateCommentSettingsAsync(s => s.AkismetKey = "abc123");
        await app.CommentAsync(reader, "/blog/checked", CommentClient.Fields("Buy viagra now."));
        await app.CommentAsync(reader, "/blog/checked", CommentClient.Fields("A real thought.", name: "Bea", email: "bea@example.com"));

        var comments = await app.CommentsAsync();
        Assert.Equal([CommentStatus.Held, CommentStatus.Spam, CommentStatus.Held], comments.Select(c => c.Status));
        Assert.Equal(2, asked.Count);
        Assert.Equal(("abc123", "Bea", "bea@example.com", "A real thought."), (asked[1]["api_key"].ToString(), asked[1]["comment_author"].ToString(), asked[1]["comment_author_email"].ToString(), asked[1]["comment_content"].ToString()));
        Assert.EndsWith("/blog/checked", asked[1]["permalink"].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_address_guard_keeps_Akismet_off_private_addresses_and_the_comment_is_held()
    {
        using var guarded = CreateApp(allowPrivate: false);
        await guarded.AddPostAsync("Guarded");
        await guarded.UpdateCommentSettingsAsync(s => s.AkismetKey = "abc123");
        await guarded.WithDbAsync(async db =>
        {
            var post = db.Posts.Single();
            db.Comments.Add(new Comment { PostId = post.Id, AuthorName = "Known", AuthorEmail = "known@example.com", Text = "x", Html = "<p>x</p>", CreatedAtUtc = guarded.UtcNow, Status = CommentStatus.Approved });
            await db.SaveChangesAsync();
        });

        await guarded.CommentAsync(guarded.CreateReader(), "/blog/guarded", CommentClient.Fields("Hello again.", email: "known@example.com"));

        Assert.Empty(asked); // the loopback stand-in was never reached
        Assert.Equal(CommentStatus.Held, (await guarded.CommentsAsync())[^1].Status); // unanswered: held, though the email is known
    }
}

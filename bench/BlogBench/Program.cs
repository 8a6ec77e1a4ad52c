// Usage: BlogBench <database file> <number of posts>
// Creates the database through the app's own migrations and fills it with posts of realistic length: a few
// thousand words of Markdown each, with headings, lists, links, quotes and images, three tags and a category.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Blog.Web.Data;
using Blog.Web.Markdown;
using Blog.Web.Posts;
using Blog.Web.Settings;
using Microsoft.EntityFrameworkCore;

if (args.Length != 2 || !int.TryParse(args[1], CultureInfo.InvariantCulture, out var count) || count < 1)
{
    Console.Error.WriteLine("usage: BlogBench <database file> <number of posts>");
    return 2;
}

var watch = Stopwatch.StartNew();
var options = new DbContextOptionsBuilder<BlogDbContext>().UseSqlite($"Data Source={Path.GetFullPath(args[0])}").Options;
await using (var setup = new BlogDbContext(options))
{
    await setup.Database.MigrateAsync();
    await setup.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;");
    if (!await setup.SiteSettings.AnyAsync())
    {
        setup.SiteSettings.Add(new SiteSettings { BlogTitle = "Benchmark Blog", AuthorName = "Bench Author", TimeZoneId = "Europe/Paris" });
        await setup.SaveChangesAsync();
    }
}

var random = new Random(42);
var renderer = new MarkdownRenderer();
string[] words = ["light", "harbour", "morning", "film", "street", "portrait", "shadow", "window", "river", "market", "silence", "colour",
    "grain", "journey", "coast", "winter", "laughter", "bicycle", "garden", "mountain", "station", "letter", "kitchen", "evening"];
string[] tagNames = ["Travel", "Film", "Portraits", "Street", "Family", "Books", "Cooking", "Walks", "Seasons", "Notes", "Cameras", "Cities"];
string[] categoryNames = ["Essays", "Journal", "Photo stories", "Reviews"];

await using var db = new BlogDbContext(options);
db.ChangeTracker.AutoDetectChangesEnabled = false;
var tags = tagNames.Select(n => new Tag(n)).ToList();
var categories = categoryNames.Select(n => new Category(n)).ToList();
db.AddRange(tags);
db.AddRange(categories);
await db.SaveChangesAsync();

var start = DateTime.UtcNow.AddDays(-count);
for (var i = 0; i < count; i++)
{
    var title = $"{Cap(words[random.Next(words.Length)])} and {words[random.Next(words.Length)]}, part {i + 1}";
    var published = start.AddDays(i).AddMinutes(random.Next(0, 600));
    var post = new Post(title, Slug.From(title), published);
    post.SetBody(MakeBody(i % 24), renderer, published);
    post.Publish(published);
    post.Category = categories[i % categories.Count];
    post.Tags.AddRange(tags.OrderBy(_ => random.Next()).Take(3));
    db.Posts.Add(post);
    if (i % 500 == 499)
    {
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        db.AttachRange(tags);
        db.AttachRange(categories);
    }
}

db.ChangeTracker.DetectChanges();
await db.SaveChangesAsync();

// Leave the file as a long-running blog's would be: everything in the main file, not in a huge write-ahead log.
await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
Console.WriteLine($"Seeded {count} posts in {watch.Elapsed.TotalSeconds:F1} s");
return 0;

string MakeBody(int seed)
{
    var r = new Random(seed);
    var text = new StringBuilder();
    string Sentence() => Cap(string.Join(' ', Enumerable.Range(0, r.Next(8, 22)).Select(_ => words[r.Next(words.Length)]))) + ".";
    string Paragraph() => string.Join(' ', Enumerable.Range(0, r.Next(3, 7)).Select(_ => Sentence()));
    for (var section = 0; section < 6; section++)
    {
        text.Append("## ").AppendLine(Cap(words[r.Next(words.Length)]) + " " + words[r.Next(words.Length)]).AppendLine();
        for (var p = 0; p < 4; p++)
        {
            text.AppendLine(Paragraph()).AppendLine();
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"> {Sentence()}").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- {Sentence()}\n- {Sentence()}\n- *{Sentence()}*").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"See [the {words[r.Next(words.Length)]} notes](https://example.com/{r.Next(1000)}) for more.").AppendLine();
    }

    return text.ToString();
}

static string Cap(string s) => char.ToUpperInvariant(s[0]) + s[1..];

// Usage: BlogBench <database file> <number of posts>
// Creates the database through the app's own migrations and fills it with posts of realistic length: a few
// thousand words of Markdown each, with headings, lists, links, quotes and images, three tags and a category.
//
// Usage: BlogBench <database file> photos
// Adds a photo essay to an existing blog (bench/lighthouse/run.sh): thirteen camera-like photos through the library's
// own upload pipeline, and a post with a cover, a twelve-photo gallery of mixed shapes and a wide photo.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Blog.Web.Data;
using Blog.Web.Markdown;
using Blog.Web.Media;
using Blog.Web.Posts;
using Blog.Web.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SkiaSharp;

if (args is [var photoDatabase, "photos"])
{
    return await AddPhotoEssayAsync(photoDatabase);
}

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

static async Task<int> AddPhotoEssayAsync(string database)
{
    var watch = Stopwatch.StartNew();
    var options = new DbContextOptionsBuilder<BlogDbContext>().UseSqlite($"Data Source={Path.GetFullPath(database)}").Options;
    await using var db = new BlogDbContext(options);
    await db.Database.MigrateAsync();
    var library = new MediaLibrary(db, TimeProvider.System, Options.Create(new MediaOptions()), NullLogger<MediaLibrary>.Instance);

    async Task<int> AddPhotoAsync(int seed, int width, int height, string alt) =>
        (await library.AddAsync($"harbour-{seed}.jpg", MakePhoto(seed, width, height), alt, default)).Item?.Id
            ?? throw new InvalidOperationException("The photo was refused.");

    var cover = await AddPhotoAsync(100, 2400, 1600, "Boats at their moorings in the early light");
    var gallery = new List<int>();
    for (var i = 0; i < 12; i++)
    {
        var (w, h) = (i % 4) switch { 1 => (1600, 2400), 3 => (2400, 2400), _ => (2400, 1600) };
        gallery.Add(await AddPhotoAsync(i + 1, w, h, $"Harbour photo {i + 1}"));
    }

    var wide = await AddPhotoAsync(200, 2400, 1000, "The whole bay at noon");
    var body = "A morning at the harbour, in twelve photographs. The tide was out and the light came low over the wall.\n\n"
        + string.Join("\n", gallery.Select(id => $"![](/media/{id}/1600.jpg)"))
        + "\n\nThen the bay opened up, and the boats went out one by one.\n\n"
        + $"![](/media/{wide}/1600.jpg \"The bay at noon\"){{.wide}}\n\nAnd that was the day.";
    var now = DateTime.UtcNow;
    var post = new Post("Twelve photographs", "twelve-photographs", now);
    var coverUrl = $"/media/{cover}/1600.jpg";
    var images = await db.LoadLibraryImagesAsync(default, body, coverUrl);
    post.SetBody(body, new MarkdownRenderer(), now, images);
    post.SetCover(coverUrl, "Boats at their moorings in the early light", images.Find(coverUrl));
    post.Publish(now);
    db.Posts.Add(post);
    await db.SaveChangesAsync();
    await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
    Console.WriteLine($"Added a photo essay (14 photos) at /blog/twelve-photographs in {watch.Elapsed.TotalSeconds:F1} s");
    return 0;
}

/// <summary>Smooth gradients and shapes with per-pixel sensor noise, so JPEG and WebP sizes are like a camera's.</summary>
static byte[] MakePhoto(int seed, int width, int height)
{
    using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
    using (var canvas = new SKCanvas(bitmap))
    {
        var random = new Random(seed);
        SKColor Colour() => new((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
        using var sky = new SKPaint { Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(0, height), [Colour(), Colour(), Colour()], SKShaderTileMode.Clamp) };
        canvas.DrawRect(0, 0, width, height, sky);
        using var paint = new SKPaint { IsAntialias = true };
        for (var i = 0; i < 300; i++)
        {
            paint.Color = Colour().WithAlpha((byte)random.Next(40, 200));
            canvas.DrawCircle(random.Next(width), random.Next(height / 3, height), random.Next(10, 300), paint);
        }
    }

    var pixels = bitmap.GetPixelSpan();
    var span = System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(pixels), pixels.Length);
    var noise = new Random(seed + 7);
    for (var i = 0; i < span.Length; i += 4)
    {
        var n = noise.Next(-12, 13);
        span[i] = (byte)Math.Clamp(span[i] + n, 0, 255);
        span[i + 1] = (byte)Math.Clamp(span[i + 1] + n, 0, 255);
        span[i + 2] = (byte)Math.Clamp(span[i + 2] + n, 0, 255);
    }

    using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 92);
    return data.ToArray();
}

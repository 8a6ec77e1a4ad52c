// The floor for a kept page (bench/run.sh): Kestrel answering every request with the bytes of one file, read once, and
// nothing else: no routing, no middleware, no logging. What the blog's page cache adds is the distance to this.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var body = await File.ReadAllBytesAsync(Environment.GetEnvironmentVariable("BENCH_BODY_FILE")
    ?? throw new InvalidOperationException("BENCH_BODY_FILE names the file to serve."));
app.Run(context =>
{
    context.Response.ContentType = "text/html; charset=utf-8";
    context.Response.ContentLength = body.Length;
    return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
});
await app.RunAsync();

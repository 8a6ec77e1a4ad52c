using Blog.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Addresses;

/// <summary>
/// Answers 301 for an old address (an imported permalink, a changed slug), but only once the app has found nothing
/// there (404): a real page at the same path always wins, and pages that exist cost no extra query.
/// </summary>
public sealed class RedirectMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        if (context.Response.StatusCode != StatusCodes.Status404NotFound || context.Response.HasStarted
            || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
        {
            return;
        }

        var path = RedirectPath.Normalize(context.Request.Path.Value);
        if (path.Length == 0)
        {
            return;
        }

        // Resolved only now: a page that exists rents no database context for this.
        var db = context.RequestServices.GetRequiredService<BlogDbContext>();
        var target = await db.Redirects.AsNoTracking().Where(r => r.FromPath == path).Select(r => r.ToPath).FirstOrDefaultAsync(context.RequestAborted);
        if (target is not null)
        {
            context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
            // PathString escapes letters outside ASCII, which a header cannot carry as they are.
            context.Response.Headers.Location = new PathString(target).ToUriComponent() + context.Request.QueryString;
        }
    }
}

using Microsoft.AspNetCore.HttpOverrides;

namespace Blog.Web.Security;

/// <summary>
/// Headers that tell browsers to run only the site's own files, never inside a frame, and to keep the address of the
/// page to themselves. The policy allows no inline script or style, so pages must not use them.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        // Set when the response starts, so an error page (whose handler clears the headers) gets them too.
        context.Response.OnStarting(static state =>
        {
            var headers = ((HttpContext)state).Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.XFrameOptions = "DENY";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}

public static class SecurityHeadersExtensions
{
    /// <summary>
    /// Security headers on every response, and the client's real address and scheme from a reverse proxy on this
    /// machine (nginx's X-Forwarded-For/-Proto): the sign-in rate limit counts per client, and HSTS and Secure
    /// cookies need to know the request came over HTTPS.
    /// </summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto });
        app.UseMiddleware<SecurityHeadersMiddleware>();

        // Outside Development the dashboard's cookies are Secure-only, and antiforgery would throw on plain http: say so instead.
        if (!app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Testing"))
        {
            app.UseWhen(context => !context.Request.IsHttps && context.Request.Path.StartsWithSegments(SitePaths.Admin.Root), admin => admin.Run(async context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(
                    "The dashboard is served over HTTPS only. Open this address with https://, or set X-Forwarded-Proto in your reverse proxy.");
            }));
        }

        return app;
    }
}

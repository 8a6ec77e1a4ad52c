using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Blog.Web.Security;

/// <summary>
/// Outside Development the antiforgery cookie is Secure only (<see cref="CookieSecurePolicy.Always"/>), and ASP.NET
/// Core answers a form reaching it over plain http (a first try on a home network, a proxy that does not pass
/// <c>X-Forwarded-Proto</c>) with an <see cref="InvalidOperationException"/>: a 500. This wraps the framework's
/// antiforgery so such a request is refused as a client error instead, with a log line that says why and what to do.
/// </summary>
internal sealed partial class HttpsOnlyAntiforgery(IAntiforgery inner, IOptions<AntiforgeryOptions> options, ILogger<HttpsOnlyAntiforgery> logger)
    : IAntiforgery
{
    private const string Advice = "forms need HTTPS outside Development: serve the blog over TLS, or have its proxy send X-Forwarded-Proto";

    public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext)
    {
        RefuseWithoutHttps(httpContext);
        return inner.GetAndStoreTokens(httpContext);
    }

    public AntiforgeryTokenSet GetTokens(HttpContext httpContext)
    {
        RefuseWithoutHttps(httpContext);
        return inner.GetTokens(httpContext);
    }

    public Task<bool> IsRequestValidAsync(HttpContext httpContext)
    {
        if (NeedsHttps(httpContext))
        {
            LogRefused(logger, httpContext.Request.Method, httpContext.Request.Path, Advice);
            return Task.FromResult(false);
        }

        return inner.IsRequestValidAsync(httpContext);
    }

    public Task ValidateRequestAsync(HttpContext httpContext)
    {
        if (NeedsHttps(httpContext))
        {
            LogRefused(logger, httpContext.Request.Method, httpContext.Request.Path, Advice);
            throw new AntiforgeryValidationException("The form was sent over plain http; " + Advice + ".");
        }

        return inner.ValidateRequestAsync(httpContext);
    }

    public void SetCookieTokenAndHeader(HttpContext httpContext)
    {
        RefuseWithoutHttps(httpContext);
        inner.SetCookieTokenAndHeader(httpContext);
    }

    private bool NeedsHttps(HttpContext httpContext) =>
        !httpContext.Request.IsHttps && options.Value.Cookie.SecurePolicy == CookieSecurePolicy.Always;

    /// <summary>A page holding a form cannot be served over plain http either: a 400, not the framework's 500.</summary>
    private void RefuseWithoutHttps(HttpContext httpContext)
    {
        if (NeedsHttps(httpContext))
        {
            LogRefused(logger, httpContext.Request.Method, httpContext.Request.Path, Advice);
            throw new BadHttpRequestException("This page holds a form, and " + Advice + ".", StatusCodes.Status400BadRequest);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} {Path} over plain http: {Advice}")]
    private static partial void LogRefused(ILogger logger, string method, PathString path, string advice);
}

public static class HttpsOnlyAntiforgeryExtensions
{
    /// <summary>Wraps the registered <see cref="IAntiforgery"/>; call after MVC has added it.</summary>
    public static IServiceCollection RefuseFormsOverPlainHttp(this IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IAntiforgery) && d.ImplementationType is not null)
            ?? throw new InvalidOperationException("Add antiforgery (AddRazorPages) before wrapping it.");
        services.RemoveAll<IAntiforgery>();
        services.Add(ServiceDescriptor.Describe(registered.ImplementationType!, registered.ImplementationType!, registered.Lifetime));
        services.Add(ServiceDescriptor.Describe(
            typeof(IAntiforgery),
            provider => ActivatorUtilities.CreateInstance<HttpsOnlyAntiforgery>(provider, (IAntiforgery)provider.GetRequiredService(registered.ImplementationType!)),
            registered.Lifetime));
        return services;
    }
}

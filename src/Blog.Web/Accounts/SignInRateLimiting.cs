using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Blog.Web.Accounts;

/// <summary>How many sign-in and set-up attempts one address may make per window (<c>Blog:SignInRateLimit</c>).</summary>
public sealed class SignInRateLimitOptions
{
    public int PermitLimit { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

public static class SignInRateLimiting
{
    // Every form that checks a secret: password, authenticator code, recovery code, set-up token.
    private static readonly string[] GuardedPaths =
        [SitePaths.Admin.Login, SitePaths.Admin.LoginWith2fa, SitePaths.Admin.LoginWithRecoveryCode, SitePaths.Admin.Setup];

    /// <summary>
    /// Slows password guessing from one address down to a trickle, on top of the account lockout (which a guesser
    /// could otherwise use to keep the owner locked out for ever). Only the POSTs count: reading the forms is free.
    /// </summary>
    public static IServiceCollection AddSignInRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<SignInRateLimitOptions>().BindConfiguration("Blog:SignInRateLimit");
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<SignInRateLimitOptions>>((options, limits) =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                HttpMethods.IsPost(context.Request.Method) && GuardedPaths.Any(p => context.Request.Path.Equals(p, StringComparison.OrdinalIgnoreCase))
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.Value.PermitLimit, Window = limits.Value.Window, QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter(""));
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                var response = context.HttpContext.Response;
                response.Headers.RetryAfter = ((int)limits.Value.Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                response.ContentType = "text/plain; charset=utf-8";
                await response.WriteAsync("Too many sign-in attempts from your address. Please wait a minute, then try again.", cancellationToken);
            };
        });
        return services;
    }
}

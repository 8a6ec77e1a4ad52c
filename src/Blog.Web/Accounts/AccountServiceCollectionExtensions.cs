using Blog.Web.Data;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Blog.Web.Accounts;

public static class AccountServiceCollectionExtensions
{
    public const string OwnerPolicy = "Owner";

    /// <summary>OWASP's 2023 figure for PBKDF2: Identity's default (100,000) is too few for today's hardware.</summary>
    public const int PasswordHashIterations = 600_000;

    /// <summary>The owner's account: ASP.NET Core Identity on the blog's database, signed in with a cookie.</summary>
    public static IServiceCollection AddOwnerAccount(this IServiceCollection services)
    {
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddIdentityCore<BlogUser>(options =>
            {
                options.User.RequireUniqueEmail = true;

                // Length, not composition (NIST SP 800-63B): at least 12 characters, any characters.
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;

                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddSignInManager()
            .AddEntityFrameworkStores<BlogDbContext>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<CommonPasswordValidator>();

        // Hashes made with fewer iterations are re-hashed at the next sign-in (SuccessRehashNeeded).
        services.Configure<PasswordHasherOptions>(options => options.IterationCount = PasswordHashIterations);

        // A password change (or 2FA change) alters the security stamp; other sessions notice it within this interval.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = SitePaths.Admin.Login;
            options.LogoutPath = SitePaths.Admin.Logout;
            options.AccessDeniedPath = SitePaths.Admin.Login;

            // An idle session ends after two hours; "Keep me signed in" makes it a cookie that lasts two weeks.
            options.ExpireTimeSpan = TimeSpan.FromHours(2);
            options.SlidingExpiration = true;
            options.Events.OnSigningIn = context =>
            {
                // The handler has already set ExpiresUtc from ExpireTimeSpan; a refreshed sign-in keeps its original IssuedUtc.
                if (context.Properties.IsPersistent)
                {
                    context.Properties.ExpiresUtc = (context.Properties.IssuedUtc ?? context.Options.TimeProvider!.GetUtcNow()).Add(PersistentSessionLifetime);
                }

                return Task.CompletedTask;
            };
        });

        foreach (var (scheme, cookieName) in IdentityCookieNames)
        {
            services.AddOptions<CookieAuthenticationOptions>(scheme)
                .Configure<IHostEnvironment>((options, environment) => Harden(options.Cookie, cookieName, environment));
        }

        services.AddOptions<AntiforgeryOptions>()
            .Configure<IHostEnvironment>((options, environment) => Harden(options.Cookie, "blog-antiforgery", environment));
        services.AddOptions<CookieTempDataProviderOptions>()
            .Configure<IHostEnvironment>((options, environment) => Harden(options.Cookie, "blog-tempdata", environment));

        services.AddScoped<OwnerAccount>();
        services.AddSingleton<SetupToken>();
        services.AddHostedService<SetupAnnouncement>();
        // The host's "Application started" lines are written by SetupAnnouncement, before the set-up link: the link last.
        services.Configure<ConsoleLifetimeOptions>(options => options.SuppressStatusMessages = true);

        services.AddAuthorizationBuilder()
            .AddPolicy(OwnerPolicy, policy => policy.RequireAuthenticatedUser());
        return services;
    }

    public static readonly TimeSpan PersistentSessionLifetime = TimeSpan.FromDays(14);

    private static readonly (string Scheme, string CookieName)[] IdentityCookieNames =
    [
        (IdentityConstants.ApplicationScheme, "blog-auth"),
        (IdentityConstants.TwoFactorUserIdScheme, "blog-2fa"),
        (IdentityConstants.TwoFactorRememberMeScheme, "blog-2fa-remember"),
        (IdentityConstants.ExternalScheme, "blog-external"),
    ];

    /// <summary>
    /// Cookies readable by no script and sent by no other site. Outside Development and Testing (plain http) they are
    /// also Secure and carry the <c>__Host-</c> prefix, which pins them to this host and path "/".
    /// </summary>
    private static void Harden(CookieBuilder cookie, string name, IHostEnvironment environment)
    {
        var httpsOnly = !environment.IsDevelopment() && !environment.IsEnvironment("Testing");
        cookie.Name = httpsOnly ? "__Host-" + name : name;
        cookie.HttpOnly = true;
        cookie.SameSite = SameSiteMode.Strict;
        cookie.Path = "/";
        cookie.SecurePolicy = httpsOnly ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
    }
}

using Blog.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace Blog.Web.Accounts;

public static class AccountServiceCollectionExtensions
{
    public const string OwnerPolicy = "Owner";

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
            .AddDefaultTokenProviders();

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/admin/account/login";
            options.LogoutPath = "/admin/account/logout";
            options.AccessDeniedPath = "/admin/account/login";
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(OwnerPolicy, policy => policy.RequireAuthenticatedUser());
        return services;
    }
}

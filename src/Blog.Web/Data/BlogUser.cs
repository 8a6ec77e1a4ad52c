using Microsoft.AspNetCore.Identity;

namespace Blog.Web.Data;

/// <summary>The blog's owner: the one account that may sign in to the dashboard.</summary>
[HiddenFromReaders]
public sealed class BlogUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
}

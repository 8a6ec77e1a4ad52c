using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;

namespace Blog.Web.Accounts;

/// <summary>
/// <c>Blog.Web admin set-password --email E</c>: sets the owner's password from standard input, creating the owner on a
/// new blog. It is the way back in after a forgotten password, for whoever can run commands on the server.
/// </summary>
public static class AdminCommand
{
    private const string Usage = "Usage: Blog.Web admin set-password --email <email> [--name <display name>]  (the password is read from standard input)";

    /// <summary>Runs the command against the app's (already migrated) database; returns the process exit code.</summary>
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (args is not ["admin", "set-password", .. var options]
            || Option(options, "--email") is not { Length: > 0 } email)
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        if (!new EmailAddressAttribute().IsValid(email))
        {
            await Console.Error.WriteLineAsync($"'{email}' is not an email address.");
            return 1;
        }

        if (!Console.IsInputRedirected)
        {
            await Console.Error.WriteLineAsync("New password (one line):");
        }

        var password = await Console.In.ReadLineAsync();
        if (string.IsNullOrEmpty(password))
        {
            await Console.Error.WriteLineAsync("No password given on standard input.");
            return 1;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var account = scope.ServiceProvider.GetRequiredService<OwnerAccount>();
        var owner = await account.FindAsync();
        if (owner is null)
        {
            var name = Option(options, "--name") ?? email.Split('@')[0];
            return await ReportAsync(await account.CreateAsync(name, email, password), $"Created the owner account {email}.");
        }

        if (!account.HasEmail(owner, email))
        {
            await Console.Error.WriteLineAsync(
                $"This blog's owner is {owner.Email}, not {email}: there is only one account. Run the command with --email {owner.Email}.");
            return 1;
        }

        return await ReportAsync(await account.ResetPasswordAsync(owner, password), $"Set a new password for {owner.Email}; every session was signed out.");
    }

    private static async Task<int> ReportAsync(IdentityResult result, string success)
    {
        if (result.Succeeded)
        {
            await Console.Out.WriteLineAsync(success);
            return 0;
        }

        foreach (var error in result.Errors)
        {
            await Console.Error.WriteLineAsync(error.Description);
        }

        return 1;
    }

    private static string? Option(string[] options, string name)
    {
        var index = Array.IndexOf(options, name);
        return index >= 0 && index + 1 < options.Length ? options[index + 1] : null;
    }
}

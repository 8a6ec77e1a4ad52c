using Blog.Web.Tests.Infrastructure;

namespace Blog.Web.Tests.Accounts;

/// <summary><c>dotnet Blog.Web.dll admin set-password</c>, run for real as its own process against the test's database.</summary>
public sealed class AdminCommandTests : IDisposable
{
    private readonly BlogFactory app = new();

    public void Dispose() => app.Dispose();

    private Task<(int ExitCode, string Output)> RunAsync(string email, string passwordLine) =>
        app.RunCommandAsync(["admin", "set-password", "--email", email], input: passwordLine);

    [Fact]
    public async Task Set_password_creates_the_owner_on_a_fresh_database_who_can_then_sign_in()
    {
        var (exitCode, output) = await RunAsync(OwnerSession.Email, OwnerSession.Password);

        Assert.True(exitCode == 0, output);
        Assert.Contains($"Created the owner account {OwnerSession.Email}", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", output, StringComparison.Ordinal);
        (await app.NewBrowser().SubmitLoginAsync()).AssertRedirectsTo("/admin");
    }

    [Fact]
    public async Task Set_password_changes_the_existing_owners_password_and_refuses_another_email()
    {
        await app.CreateOwnerAsync();

        var other = await RunAsync("someone.else@example.com", "a brand new passphrase");
        var (exitCode, output) = await RunAsync(OwnerSession.Email, "a brand new passphrase");

        Assert.NotEqual(0, other.ExitCode);
        Assert.Contains($"owner is {OwnerSession.Email}", other.Output, StringComparison.Ordinal);
        Assert.True(exitCode == 0, output);
        Assert.Contains("Set a new password", output, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await app.NewBrowser().SubmitLoginAsync()).StatusCode);
        (await app.NewBrowser().SubmitLoginAsync(password: "a brand new passphrase")).AssertRedirectsTo("/admin");
    }

    [Theory]
    [InlineData("short pass", "at least 12 characters")]
    [InlineData("Qwerty123456", "most common passwords")]
    public async Task Set_password_refuses_a_weak_password_with_a_message_and_a_failing_exit_code(string password, string message)
    {
        var (exitCode, output) = await RunAsync(OwnerSession.Email, password);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }
}

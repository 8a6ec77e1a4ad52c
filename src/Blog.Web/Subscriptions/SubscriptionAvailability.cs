using Blog.Web.Caching;
using Blog.Web.Data;
using Blog.Web.Mail;

namespace Blog.Web.Subscriptions;

/// <summary>
/// Whether readers are offered the subscribe form: only when a mail server is set, or a confirmation could never
/// arrive. Kept per publication epoch, which moves on whenever a save changes what readers see: the mail settings
/// are such a save, so the cached pages and this answer change together.
/// </summary>
public sealed class SubscriptionAvailability(IServiceScopeFactory scopes, PublicationSchedule schedule)
{
    private (string Epoch, bool Open)? known;

    public async Task<bool> IsOpenAsync(CancellationToken cancellationToken = default)
    {
        var epoch = await schedule.CurrentEpochAsync(cancellationToken);
        if (known is { } k && k.Epoch == epoch)
        {
            return k.Open;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        var open = await scope.ServiceProvider.GetRequiredService<SmtpServers>().FindAsync(db, cancellationToken) is not null;
        known = (epoch, open);
        return open;
    }
}

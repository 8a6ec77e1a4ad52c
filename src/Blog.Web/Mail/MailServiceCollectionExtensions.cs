namespace Blog.Web.Mail;

public static class MailServiceCollectionExtensions
{
    /// <summary>The outbox (enqueue with <see cref="Outbox"/>), its background sender, and the mail server settings.</summary>
    public static IServiceCollection AddMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MailOptions>(configuration.GetSection(MailOptions.Section));
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<Outbox>();
        services.AddSingleton<SmtpPasswordProtection>();
        services.AddSingleton<SmtpServers>();
        services.AddSingleton<SmtpMailer>();
        services.AddHostedService<OutboxWorker>();
        return services;
    }
}

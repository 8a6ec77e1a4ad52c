using System.Net.Sockets;
using System.Text.Json;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Blog.Web.Mail;

/// <summary>What became of one attempt: sent, to be tried again later, or refused for good.</summary>
public sealed record SendOutcome(bool Sent, bool Permanent, int? StatusCode, string? ServerResponse, string? Error)
{
    /// <summary>The connection itself failed: the other emails of the batch cannot go over it either.</summary>
    public bool ConnectionLost { get; init; }
}

/// <summary>Talks SMTP through MailKit: connects with the chosen security, builds the MIME message, reads the answer.</summary>
public sealed class SmtpMailer(IOptions<MailOptions> options)
{
    public async Task<SmtpClient> ConnectAsync(SmtpServer server, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        var client = new SmtpClient { Timeout = (int)options.Value.Timeout.TotalMilliseconds };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Value.Timeout);
            await client.ConnectAsync(server.Host, server.Port, SocketOptions(server), timeout.Token);
            if (!string.IsNullOrEmpty(server.UserName))
            {
                await client.AuthenticateAsync(server.UserName, server.Password ?? "", timeout.Token);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public static SecureSocketOptions SocketOptions(SmtpServer server) => server.Security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => server.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable,
    };

    public static MimeMessage Build(OutboxMessage message, SmtpServer server)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(server);
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(server.FromName ?? "", server.FromAddress));
        mime.To.Add(new MailboxAddress(message.ToName ?? "", message.ToAddress));
        mime.Subject = message.Subject;

        // The same Message-Id on every attempt lets a receiving server or client recognise a repeat.
        var domain = server.FromAddress[(server.FromAddress.LastIndexOf('@') + 1)..];
        mime.MessageId = $"outbox-{message.Id}-{Uri.EscapeDataString(message.IdempotencyKey).Replace("%", "", StringComparison.Ordinal)}@{domain}";
        if (message.HeadersJson is { Length: > 0 } json)
        {
            foreach (var (name, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [])
            {
                mime.Headers.Add(name, value);
            }
        }

        mime.Body = new BodyBuilder { HtmlBody = message.HtmlBody, TextBody = message.TextBody }.ToMessageBody();
        return mime;
    }

    /// <summary>Sends over an open connection; never throws for what the server or the network does.</summary>
    public static async Task<SendOutcome> SendAsync(SmtpClient client, MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            var answer = await client.SendAsync(message, cancellationToken);
            return new SendOutcome(true, false, 250, answer, null);
        }
        catch (SmtpCommandException refused)
        {
            var code = (int)refused.StatusCode;

            // A 5xx about this recipient or this message will be the same next time; anything else may pass later.
            var permanent = code >= 500 && refused.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted;
            return new SendOutcome(false, permanent, code, refused.Message, $"The server answered {code}: {refused.Message}")
            {
                ConnectionLost = !client.IsConnected,
            };
        }
        catch (Exception failure) when (IsConnectionFailure(failure) && !cancellationToken.IsCancellationRequested)
        {
            return new SendOutcome(false, false, null, null, Describe(failure)) { ConnectionLost = true };
        }
    }

    public static bool IsConnectionFailure(Exception failure) =>
        failure is SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException or ServiceNotAuthenticatedException
            or AuthenticationException or SslHandshakeException or TimeoutException or OperationCanceledException or SmtpCommandException
            or NotSupportedException;

    /// <summary>A failure in words the owner can act on.</summary>
    public static string Describe(Exception failure) => failure switch
    {
        SocketException socket => $"Could not reach the mail server: {socket.Message}",
        AuthenticationException => "The mail server refused the user name or password.",
        SslHandshakeException => "The secure connection to the mail server failed (check the port and the security setting).",
        SmtpCommandException command => $"The mail server answered {(int)command.StatusCode}: {command.Message}",
        OperationCanceledException or TimeoutException => "The mail server did not answer in time.",
        _ => $"The mail server connection failed: {failure.Message}",
    };
}

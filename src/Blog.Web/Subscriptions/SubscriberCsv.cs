using System.Globalization;
using System.Text;

namespace Blog.Web.Subscriptions;

/// <summary>One subscriber read from another service's export.</summary>
public sealed record ImportedSubscriber(int Line, string Email, string? Name, DateTime? SubscribedAt, SubscriberStatus Status);

/// <summary>A row that could not be taken, with the reason in words.</summary>
public sealed record RefusedRow(int Line, string Reason);

public sealed record SubscriberCsvRead(string Provider, IReadOnlyList<ImportedSubscriber> Rows, IReadOnlyList<RefusedRow> Refused);

/// <summary>
/// Reads the subscriber lists that Squarespace, Mailchimp and Substack export (and any CSV with an email column),
/// finding the email, name, date and status columns by their names; writes the blog's own list as CSV.
/// </summary>
public static class SubscriberCsv
{
    private static readonly string[] EmailColumns = ["email", "email address", "e-mail", "e-mail address", "email_address", "emailaddress", "subscriber email"];
    private static readonly string[] NameColumns = ["name", "full name", "full_name", "fullname", "subscriber name"];
    private static readonly string[] FirstNameColumns = ["first name", "first_name", "firstname", "fname"];
    private static readonly string[] LastNameColumns = ["last name", "last_name", "lastname", "lname"];
    private static readonly string[] DateColumns = ["confirm_time", "optin_time", "subscribed on", "subscribed_on", "subscribed at", "subscribed_at", "date subscribed", "subscription date", "created_at", "created at", "created on", "created", "date", "timestamp"];
    private static readonly string[] StatusColumns = ["status", "subscription status", "subscriber status", "state"];

    public static SubscriberCsvRead Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var records = Records(reader).ToList();
        if (records.Count == 0)
        {
            return new("empty", [], [new RefusedRow(1, "The file is empty.")]);
        }

        var header = records[0].Fields.Select(h => h.Trim().Trim('\uFEFF').ToLowerInvariant()).ToList();
        int Find(string[] names) => names.Select(n => header.IndexOf(n)).FirstOrDefault(i => i >= 0, -1);
        var email = Find(EmailColumns);
        if (email < 0)
        {
            return new("unknown", [], [new RefusedRow(1, "No email column: the first line must name the columns (such as “Email Address”, “Email” or “email”).")]);
        }

        var name = Find(NameColumns);
        var first = Find(FirstNameColumns);
        var last = Find(LastNameColumns);
        var date = Find(DateColumns);
        var status = Find(StatusColumns);
        var unsubTime = header.IndexOf("unsub_time");
        var cleanTime = header.IndexOf("clean_time");
        var emailDisabled = header.IndexOf("email_disabled");
        var provider = header.Contains("optin_time") || header.Contains("member_rating") ? "Mailchimp"
            : header.Contains("active_subscription") || emailDisabled >= 0 ? "Substack"
            : header.Contains("subscribed on") || header.Contains("email address") && header.Contains("source") ? "Squarespace"
            : "CSV";

        var rows = new List<ImportedSubscriber>();
        var refused = new List<RefusedRow>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            string? Field(int index) => index >= 0 && index < fields.Count && !string.IsNullOrWhiteSpace(fields[index]) ? fields[index].Trim() : null;
            var address = Field(email);
            if (address is null || !SubscriptionRequests.IsEmailAddress(address))
            {
                refused.Add(new(line, address is null ? "No email address." : $"“{Shorten(address)}” is not an email address."));
                continue;
            }

            if (!seen.Add(Subscriber.Normalize(address)))
            {
                refused.Add(new(line, $"{address} appears earlier in the file."));
                continue;
            }

            var fullName = Field(name) ?? string.Join(' ', new[] { Field(first), Field(last) }.Where(n => n is not null));
            var state = Field(cleanTime) is not null ? SubscriberStatus.Bounced
                : Field(unsubTime) is not null ? SubscriberStatus.Unsubscribed
                : IsTrue(Field(emailDisabled)) ? SubscriberStatus.Unsubscribed
                : StatusOf(Field(status));
            if (state is null)
            {
                refused.Add(new(line, $"The status “{Shorten(Field(status)!)}” is not one this blog knows (subscribed, pending, unsubscribed, cleaned)."));
                continue;
            }

            rows.Add(new(line, address, string.IsNullOrWhiteSpace(fullName) ? null : Shorten(fullName, 200), ParseDate(Field(date)), state.Value));
        }

        return new(provider, rows, refused);
    }

    /// <summary>Statuses in the words each service uses; no status column means the list of those subscribed.</summary>
    private static SubscriberStatus? StatusOf(string? value) => value?.ToLowerInvariant() switch
    {
        null or "subscribed" or "confirmed" or "active" or "yes" or "true" or "opted in" or "free" or "paid" or "comp" => SubscriberStatus.Confirmed,
        "pending" or "unconfirmed" => SubscriberStatus.Pending,
        "unsubscribed" or "inactive" or "no" or "false" or "opted out" => SubscriberStatus.Unsubscribed,
        "cleaned" or "bounced" or "invalid" => SubscriberStatus.Bounced,
        _ => null,
    };

    private static bool IsTrue(string? value) => value is not null && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1" || value.Equals("yes", StringComparison.OrdinalIgnoreCase));

    private static DateTime? ParseDate(string? value) =>
        value is not null && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed)
            ? parsed.UtcDateTime
            : null;

    private static string Shorten(string value, int length = 80) => value.Length <= length ? value : value[..length];

    /// <summary>RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks. Line numbers are where each record starts.</summary>
    private static IEnumerable<(int Line, List<string> Fields)> Records(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var line = 1;
        var start = 1;
        int c;
        var any = false;
        while ((c = reader.Read()) >= 0)
        {
            any = true;
            var ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        line++;
                    }

                    field.Append(ch);
                }
            }
            else if (ch == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (ch == '\n' || ch == '\r')
            {
                if (ch == '\r' && reader.Peek() == '\n')
                {
                    reader.Read();
                }

                fields.Add(field.ToString());
                field.Clear();
                yield return (start, fields);
                fields = [];
                any = false;
                line++;
                start = line;
            }
            else
            {
                field.Append(ch);
            }
        }

        if (any)
        {
            fields.Add(field.ToString());
            yield return (start, fields);
        }
    }

    /// <summary>The blog's list as CSV, with column names other services' importers recognise.</summary>
    public static string Write(IEnumerable<Subscriber> subscribers)
    {
        ArgumentNullException.ThrowIfNull(subscribers);
        var csv = new StringBuilder("Email Address,Name,Status,Choice,Created At,Confirmed At,Unsubscribed At,Source,Imported At\r\n");
        foreach (var s in subscribers)
        {
            csv.AppendJoin(',', new[]
            {
                s.Email, s.Name ?? "", s.Status switch
                {
                    SubscriberStatus.Confirmed => "subscribed",
                    SubscriberStatus.Pending => "pending",
                    SubscriberStatus.Unsubscribed => "unsubscribed",
                    _ => "cleaned",
                },
                s.Choice == SubscriptionChoice.WeeklyDigest ? "weekly" : "each post",
                Time(s.CreatedAt), Time(s.ConfirmedAt), Time(s.UnsubscribedAt), s.Source == SubscriberSource.Import ? "import" : "form", Time(s.ImportedAt),
            }.Select(Cell)).Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Time(DateTime? utc) => utc?.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";

    /// <summary>Quoted when needed; a cell a spreadsheet would run as a formula is made plain text first.</summary>
    private static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}

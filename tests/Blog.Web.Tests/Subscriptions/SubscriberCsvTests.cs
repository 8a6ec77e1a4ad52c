using Blog.Web.Subscriptions;

namespace Blog.Web.Tests.Subscriptions;

/// <summary>Each service's export shape is read by its column names; bad rows are reported by line, never thrown.</summary>
public sealed class SubscriberCsvTests
{
    private static SubscriberCsvRead Read(string csv) => SubscriberCsv.Read(new StringReader(csv));

    [Fact]
    public void A_Mailchimp_export_keeps_its_subscribed_members_confirmed_with_their_opt_in_date()
    {
        var read = Read(
            "Email Address,First Name,Last Name,MEMBER_RATING,OPTIN_TIME,OPTIN_IP,CONFIRM_TIME,CONFIRM_IP,LATITUDE,LONGITUDE,GMTOFF,DSTOFF,TIMEZONE,CC,REGION,LAST_CHANGED,LEID,EUID,NOTES\n"
            + "ada@example.com,Ada,Lovelace,2,2021-03-04 10:00:00,,2021-03-04 10:05:00,,,,,,,,,2021-03-04 10:05:00,1,abc,\n"
            + "\"grace@example.com\",\"Grace \"\"Amazing\"\"\",Hopper,2,2022-01-01 00:00:00,,,,,,,,,,,,2,def,\n");

        Assert.Equal("Mailchimp", read.Provider);
        Assert.Empty(read.Refused);
        Assert.Equal(["ada@example.com", "grace@example.com"], read.Rows.Select(r => r.Email));
        Assert.Equal("Ada Lovelace", read.Rows[0].Name);
        Assert.Equal("Grace \"Amazing\" Hopper", read.Rows[1].Name);
        Assert.Equal(new DateTime(2021, 3, 4, 10, 5, 0, DateTimeKind.Utc), read.Rows[0].SubscribedAt);
        Assert.All(read.Rows, r => Assert.Equal(SubscriberStatus.Confirmed, r.Status));
    }

    [Fact]
    public void A_Mailchimp_unsubscribed_or_cleaned_export_is_read_as_such()
    {
        var read = Read("Email Address,First Name,Last Name,OPTIN_TIME,UNSUB_TIME,CLEAN_TIME\nu@example.com,U,,2020-01-01,2021-01-01,\nc@example.com,C,,2020-01-01,,2021-02-02\n");

        Assert.Equal([SubscriberStatus.Unsubscribed, SubscriberStatus.Bounced], read.Rows.Select(r => r.Status));
    }

    [Fact]
    public void A_Substack_export_reads_email_created_at_and_disabled_addresses()
    {
        var read = Read("email,active_subscription,expiry,plan,email_disabled,created_at,first_payment_at\r\nreader@example.com,false,,free,false,2023-05-06T07:08:09.000Z,\r\ngone@example.com,false,,free,true,2023-05-06T07:08:09.000Z,\r\n");

        Assert.Equal("Substack", read.Provider);
        Assert.Equal(SubscriberStatus.Confirmed, read.Rows[0].Status);
        Assert.Equal(SubscriberStatus.Unsubscribed, read.Rows[1].Status);
        Assert.Equal(new DateTime(2023, 5, 6, 7, 8, 9, DateTimeKind.Utc), read.Rows[0].SubscribedAt);
        Assert.Null(read.Rows[0].Name);
    }

    [Fact]
    public void A_Squarespace_export_reads_email_name_and_subscribed_on()
    {
        var read = Read("\uFEFFEmail,Name,Subscribed On,Source\nmarie@example.com,Marie Curie,2024-02-03 12:00,Newsletter Block\n");

        Assert.Equal("Squarespace", read.Provider);
        var row = Assert.Single(read.Rows);
        Assert.Equal("Marie Curie", row.Name);
        Assert.Equal(new DateTime(2024, 2, 3, 12, 0, 0, DateTimeKind.Utc), row.SubscribedAt);
    }

    [Fact]
    public void Bad_rows_are_reported_with_their_line_and_the_good_ones_kept()
    {
        var read = Read("email,status\nnot-an-address,subscribed\nok@example.com,subscribed\nOK@example.com,subscribed\nodd@example.com,sideways\n,subscribed\n");

        Assert.Equal(["ok@example.com"], read.Rows.Select(r => r.Email));
        Assert.Equal([2, 4, 5, 6], read.Refused.Select(r => r.Line));
        Assert.Contains("not an email address", read.Refused[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_an_email_column_says_so()
    {
        var read = Read("name,date\nAda,2020-01-01\n");

        Assert.Empty(read.Rows);
        Assert.Contains("No email column", Assert.Single(read.Refused).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_export_reads_back_and_defuses_spreadsheet_formulas()
    {
        var subscriber = new Subscriber { Email = "a@example.com", NormalizedEmail = "a@example.com", Name = "=HYPERLINK(\"x\")", Status = SubscriberStatus.Confirmed, CreatedAt = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc) };

        var csv = SubscriberCsv.Write([subscriber]);
        var read = Read(csv);

        Assert.Contains("\"'=HYPERLINK(\"\"x\"\")\"", csv, StringComparison.Ordinal);
        var row = Assert.Single(read.Rows);
        Assert.Equal(("a@example.com", SubscriberStatus.Confirmed, new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc)), (row.Email, row.Status, row.SubscribedAt!.Value));
    }
}

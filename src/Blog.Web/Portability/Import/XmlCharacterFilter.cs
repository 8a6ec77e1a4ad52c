namespace Blog.Web.Portability.Import;

/// <summary>
/// Drops the characters XML 1.0 forbids (stray control characters that real exports contain, copied in from word
/// processors), so one invisible character does not make a whole export unreadable.
/// </summary>
public sealed class XmlCharacterFilter(TextReader inner) : TextReader
{
    public static bool IsAllowed(char c) =>
        c is '\t' or '\n' or '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);

    public override int Peek()
    {
        while (inner.Peek() is var next and >= 0 && !IsAllowed((char)next))
        {
            inner.Read();
        }

        return inner.Peek();
    }

    public override int Read()
    {
        int next;
        while ((next = inner.Read()) >= 0 && !IsAllowed((char)next))
        {
        }

        return next;
    }

    public override int Read(char[] buffer, int index, int count)
    {
        while (true)
        {
            var read = inner.Read(buffer, index, count);
            if (read == 0)
            {
                return 0;
            }

            var kept = 0;
            for (var i = 0; i < read; i++)
            {
                if (IsAllowed(buffer[index + i]))
                {
                    buffer[index + kept++] = buffer[index + i];
                }
            }

            // A chunk made only of forbidden characters must not look like the end of the file.
            if (kept > 0)
            {
                return kept;
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}

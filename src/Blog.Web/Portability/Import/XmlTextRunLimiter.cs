namespace Blog.Web.Portability.Import;

/// <summary>
/// Keeps any run of text or CDATA in an XML stream to at most <c>maxRun</c> characters, dropping the rest of the run
/// and nothing else, so the document stays well-formed. The framework's XML reader holds a whole CDATA section (and
/// a whole text node) in memory before it hands out the first character: one 100 MB post body in a WXR file would
/// cost half a gigabyte. A run cut here is longer than any item may be, so the item it belongs to is skipped anyway.
/// </summary>
public sealed class XmlTextRunLimiter(TextReader inner, int maxRun) : TextReader
{
    private const string CDataOpen = "![CDATA[";

    private readonly char[] chunk = new char[8192];

    /// <summary>What the filter made of the last chunk and has not handed out yet (a character can become three).</summary>
    private readonly char[] pending = new char[8192 * 3];

    private int pendingStart;
    private int pendingEnd;

    private State state = State.Text;
    private int run;
    private int matched;
    private bool inEntity;
    private int brackets;
    private int emittedBrackets;

    private enum State
    {
        Text,
        AfterLessThan,
        Markup,
        CData,
    }

    public override int Read(char[] buffer, int index, int count)
    {
        if (count == 0 || !Fill())
        {
            return 0;
        }

        var taken = Math.Min(count, pendingEnd - pendingStart);
        Array.Copy(pending, pendingStart, buffer, index, taken);
        pendingStart += taken;
        return taken;
    }

    public override int Read() => Fill() ? pending[pendingStart++] : -1;

    public override int Peek() => Fill() ? pending[pendingStart] : -1;

    /// <summary>Makes sure something is pending, reading and filtering the inner text as needed; false at its end.</summary>
    private bool Fill()
    {
        while (pendingStart == pendingEnd)
        {
            var read = inner.Read(chunk, 0, chunk.Length);
            if (read == 0)
            {
                return false;
            }

            (pendingStart, pendingEnd) = (0, 0);
            for (var i = 0; i < read; i++)
            {
                pendingEnd += Filter(chunk[i], pending, pendingEnd);
            }
        }

        return true;
    }

    /// <summary>Writes what <paramref name="c"/> becomes (at most three characters) and returns how many.</summary>
    private int Filter(char c, char[] output, int at)
    {
        switch (state)
        {
            case State.AfterLessThan when c == CDataOpen[matched]:
                if (++matched == CDataOpen.Length)
                {
                    (state, run, brackets, emittedBrackets) = (State.CData, 0, 0, 0);
                }

                output[at] = c;
                return 1;
            case State.AfterLessThan:
            case State.Markup:
                state = c == '>' ? State.Text : State.Markup;
                (run, inEntity) = (0, false);
                output[at] = c;
                return 1;
            case State.CData:
                return FilterCData(c, output, at);
            default:
                if (c == '<')
                {
                    (state, matched) = (State.AfterLessThan, 0);
                    output[at] = c;
                    return 1;
                }

                // Past the limit the run is dropped, but never half an entity (&amp;), which would break the XML.
                if (run >= maxRun && !inEntity)
                {
                    return 0;
                }

                inEntity = c == '&' || (inEntity && c != ';');
                run++;
                output[at] = c;
                return 1;
        }
    }

    private int FilterCData(char c, char[] output, int at)
    {
        if (c == '>' && brackets >= 2)
        {
            // The end of the section: make sure "]]" stands before the '>' even when its brackets were dropped.
            var written = 0;
            // Of the run of brackets, the last two close the section; those kept are the first emittedBrackets.
            for (var missing = 2 - Math.Max(0, emittedBrackets - (brackets - 2)); missing > 0; missing--)
            {
                output[at + written++] = ']';
            }

            output[at + written++] = '>';
            (state, run, inEntity) = (State.Text, 0, false);
            return written;
        }

        var keep = run < maxRun;
        run++;
        brackets = c == ']' ? brackets + 1 : 0;
        emittedBrackets = c == ']' ? emittedBrackets + (keep ? 1 : 0) : 0;
        if (!keep)
        {
            return 0;
        }

        output[at] = c;
        return 1;
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

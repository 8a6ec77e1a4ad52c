namespace Blog.Web.Data;

/// <summary>Something that keeps a copy of what the database says (a cache) and must forget it when a save changes it.</summary>
public interface IContentChangeListener
{
    void ContentChanged();

    /// <summary>Only the pages carrying these tags (<see cref="ReaderPages"/>) changed; nothing else did.</summary>
    void PagesChanged(IReadOnlyCollection<string> tags)
    {
    }
}

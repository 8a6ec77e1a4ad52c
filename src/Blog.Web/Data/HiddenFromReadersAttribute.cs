namespace Blog.Web.Data;

/// <summary>
/// Marks an entity no public page, feed or sitemap shows (an autosave, a revision, an import's progress), so saving it
/// leaves the caches alone (<see cref="ContentChangeInterceptor"/>). Every entity without it counts as public: a new
/// entity type can only cost an extra eviction, never a stale page.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class HiddenFromReadersAttribute : Attribute;

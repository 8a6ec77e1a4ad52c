using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Data.CompiledModel;

public static class CompiledModelOptions
{
    /// <summary>
    /// The SQLite model, compiled ahead of time (this folder, <c>regenerate.sh</c>): building it from the entity
    /// configurations was the largest single cost of a start, about 0.7 s of CPU. The design-time tools (migrations,
    /// <c>has-pending-model-changes</c>, regenerating this folder) build the model from the configurations as before.
    /// The model is SQLite's (column types, the <c>COLLATE NOCASE</c> columns): another provider builds its own.
    /// <c>CompiledModelTests</c> fails, naming the script, when an entity changed since it was generated.
    /// </summary>
    public static DbContextOptionsBuilder UseCompiledSqliteModel(this DbContextOptionsBuilder options) =>
        EF.IsDesignTime ? options : options.UseModel(BlogDbContextModel.Instance);
}

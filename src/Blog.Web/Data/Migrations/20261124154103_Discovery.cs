using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Blog.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Discovery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BaseUrl",
                table: "SiteSettings",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "FeedFullContent",
                table: "SiteSettings",
                type: "INTEGER",
                nullable: false,
                defaultValue: true); // blogs that existed before the setting keep sending whole posts

            CreateSearchIndex(migrationBuilder);
        }

        /// <summary>
        /// The full-text index of posts (<c>PostSearch</c>, SQLite FTS5; the post's id is the row id). It holds every
        /// post, visible or not, and SQL triggers keep it in step with each insert, update and delete of posts, their
        /// tags and tag names, whatever code makes them. Visibility is filtered when searching, so scheduled posts
        /// need nothing special. Not an EF entity: EF has no model for virtual tables.
        /// NB: a later migration that makes EF rebuild the Posts table drops its triggers: recreate them there.
        /// </summary>
        private static void CreateSearchIndex(MigrationBuilder migrationBuilder)
        {
            const string tagNames =
                "coalesce((SELECT group_concat(t.Name, ' ') FROM PostTags pt JOIN Tags t ON t.Id = pt.TagsId WHERE pt.PostsId = {0}), '')";

            migrationBuilder.Sql(
                "CREATE VIRTUAL TABLE PostSearch USING fts5(Title, Tags, Body, tokenize = 'unicode61 remove_diacritics 2');");
            migrationBuilder.Sql(
                $"INSERT INTO PostSearch(rowid, Title, Tags, Body) SELECT p.Id, p.Title, {string.Format(null, tagNames, "p.Id")}, p.BodyText FROM Posts p;");

            migrationBuilder.Sql("""
                CREATE TRIGGER PostSearch_PostInserted AFTER INSERT ON Posts BEGIN
                    INSERT INTO PostSearch(rowid, Title, Tags, Body) VALUES (new.Id, new.Title, '', new.BodyText);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER PostSearch_PostUpdated AFTER UPDATE OF Title, BodyText ON Posts BEGIN
                    UPDATE PostSearch SET Title = new.Title, Body = new.BodyText WHERE rowid = new.Id;
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER PostSearch_PostDeleted AFTER DELETE ON Posts BEGIN
                    DELETE FROM PostSearch WHERE rowid = old.Id;
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER PostSearch_TagAdded AFTER INSERT ON PostTags BEGIN
                    UPDATE PostSearch SET Tags = {string.Format(null, tagNames, "new.PostsId")} WHERE rowid = new.PostsId;
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER PostSearch_TagRemoved AFTER DELETE ON PostTags BEGIN
                    UPDATE PostSearch SET Tags = {string.Format(null, tagNames, "old.PostsId")} WHERE rowid = old.PostsId;
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER PostSearch_TagRenamed AFTER UPDATE OF Name ON Tags BEGIN
                    UPDATE PostSearch SET Tags = {string.Format(null, tagNames, "PostSearch.rowid")}
                    WHERE rowid IN (SELECT PostsId FROM PostTags WHERE TagsId = new.Id);
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in new[] { "PostInserted", "PostUpdated", "PostDeleted", "TagAdded", "TagRemoved", "TagRenamed" })
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS PostSearch_{trigger};");
            }

            migrationBuilder.Sql("DROP TABLE IF EXISTS PostSearch;");

            migrationBuilder.DropColumn(
                name: "BaseUrl",
                table: "SiteSettings");

            migrationBuilder.DropColumn(
                name: "FeedFullContent",
                table: "SiteSettings");
        }
    }
}

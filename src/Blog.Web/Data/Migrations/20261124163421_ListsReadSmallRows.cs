using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Blog.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ListsReadSmallRows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Opening",
                table: "StaticPages",
                type: "TEXT",
                maxLength: 600,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Opening",
                table: "Posts",
                type: "TEXT",
                maxLength: 600,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_StaticPages_Visible",
                table: "StaticPages",
                columns: new[] { "PublishedAtUtc", "Id" },
                filter: "\"Status\" <> 0 AND \"DeletedAtUtc\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Posts_Visible",
                table: "Posts",
                columns: new[] { "PublishedAtUtc", "Id" },
                filter: "\"Status\" <> 0 AND \"DeletedAtUtc\" IS NULL");

            migrationBuilder.Sql("UPDATE Posts SET Opening = substr(BodyText, 1, 600);");
            migrationBuilder.Sql("UPDATE StaticPages SET Opening = substr(BodyText, 1, 600);");
            MoveBodiesToTheEndOfPosts(migrationBuilder);
        }

        /// <summary>
        /// SQLite reads a row's columns in order and follows a long text's overflow pages to reach any column after it,
        /// so with the bodies (tens of kilobytes) in the middle of the row, every status or date check read every body.
        /// The table is rebuilt with the small columns first and the bodies last; ids, indexes and the search triggers
        /// are kept. (Columns added later with ALTER TABLE land after the bodies: a column that lists read belongs here.)
        /// </summary>
        private static void MoveBodiesToTheEndOfPosts(MigrationBuilder migrationBuilder)
        {
            const string columns = """
                "Id", "Title", "Slug", "Status", "PublishedAtUtc", "DeletedAtUtc", "CategoryId", "WordCount", "Opening", "Excerpt",
                "CoverImageUrl", "CoverImageAlt", "CoverImageWidth", "CoverImageHeight", "SeoTitle", "SeoDescription", "Version",
                "CreatedAtUtc", "UpdatedAtUtc", "BodyMarkdown", "BodyHtml", "BodyText"
                """;

            // Dropping the old table must not cascade to the rows that point at posts (tags, revisions, comments).
            migrationBuilder.Sql("PRAGMA foreign_keys = 0;", suppressTransaction: true);
            migrationBuilder.Sql("""
                CREATE TABLE "ef_temp_Posts" (
                    "Id" INTEGER NOT NULL CONSTRAINT "PK_Posts" PRIMARY KEY AUTOINCREMENT,
                    "Title" TEXT NOT NULL,
                    "Slug" TEXT COLLATE NOCASE NOT NULL,
                    "Status" INTEGER NOT NULL,
                    "PublishedAtUtc" TEXT NULL,
                    "DeletedAtUtc" TEXT NULL,
                    "CategoryId" INTEGER NULL,
                    "WordCount" INTEGER NOT NULL,
                    "Opening" TEXT NOT NULL DEFAULT '',
                    "Excerpt" TEXT NULL,
                    "CoverImageUrl" TEXT NULL,
                    "CoverImageAlt" TEXT NULL,
                    "CoverImageWidth" INTEGER NULL,
                    "CoverImageHeight" INTEGER NULL,
                    "SeoTitle" TEXT NULL,
                    "SeoDescription" TEXT NULL,
                    "Version" INTEGER NOT NULL DEFAULT 0,
                    "CreatedAtUtc" TEXT NOT NULL,
                    "UpdatedAtUtc" TEXT NOT NULL,
                    "BodyMarkdown" TEXT NOT NULL,
                    "BodyHtml" TEXT NOT NULL,
                    "BodyText" TEXT NOT NULL,
                    CONSTRAINT "FK_Posts_Categories_CategoryId" FOREIGN KEY ("CategoryId") REFERENCES "Categories" ("Id") ON DELETE SET NULL
                );
                """);
            migrationBuilder.Sql($"INSERT INTO \"ef_temp_Posts\" ({columns}) SELECT {columns} FROM \"Posts\";");
            migrationBuilder.Sql("DROP TABLE \"Posts\";");
            migrationBuilder.Sql("ALTER TABLE \"ef_temp_Posts\" RENAME TO \"Posts\";");
            migrationBuilder.Sql("CREATE INDEX \"IX_Posts_CategoryId\" ON \"Posts\" (\"CategoryId\");");
            migrationBuilder.Sql("CREATE UNIQUE INDEX \"IX_Posts_Slug\" ON \"Posts\" (\"Slug\");");
            migrationBuilder.Sql("CREATE INDEX \"IX_Posts_Status_PublishedAtUtc\" ON \"Posts\" (\"Status\", \"PublishedAtUtc\");");
            migrationBuilder.Sql("CREATE INDEX \"IX_Posts_Visible\" ON \"Posts\" (\"PublishedAtUtc\", \"Id\") WHERE \"Status\" <> 0 AND \"DeletedAtUtc\" IS NULL;");
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
            migrationBuilder.Sql("PRAGMA foreign_keys = 1;", suppressTransaction: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_StaticPages_Visible",
                table: "StaticPages");

            migrationBuilder.DropIndex(
                name: "IX_Posts_Visible",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "Opening",
                table: "StaticPages");

            migrationBuilder.DropColumn(
                name: "Opening",
                table: "Posts");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Blog.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReaderStatistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StatisticsDays",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Views = table.Column<int>(type: "INTEGER", nullable: false),
                    Readers = table.Column<int>(type: "INTEGER", nullable: false),
                    FeedFetches = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatisticsDays", x => x.Day);
                });

            migrationBuilder.CreateTable(
                name: "StatisticsFeeds",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Path = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    Reader = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Fetches = table.Column<int>(type: "INTEGER", nullable: false),
                    Subscribers = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatisticsFeeds", x => new { x.Day, x.Path, x.Reader });
                });

            migrationBuilder.CreateTable(
                name: "StatisticsPages",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Path = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    ContentId = table.Column<int>(type: "INTEGER", nullable: true),
                    Views = table.Column<int>(type: "INTEGER", nullable: false),
                    Readers = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatisticsPages", x => new { x.Day, x.Path });
                });

            migrationBuilder.CreateTable(
                name: "StatisticsSources",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Path = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Views = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatisticsSources", x => new { x.Day, x.Path, x.Kind, x.Name });
                });

            migrationBuilder.CreateIndex(
                name: "IX_StatisticsPages_Kind_ContentId_Day",
                table: "StatisticsPages",
                columns: new[] { "Kind", "ContentId", "Day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StatisticsDays");

            migrationBuilder.DropTable(
                name: "StatisticsFeeds");

            migrationBuilder.DropTable(
                name: "StatisticsPages");

            migrationBuilder.DropTable(
                name: "StatisticsSources");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Blog.Web.Data.Migrations.PostgreSQL
{
    /// <inheritdoc />
    public partial class Webmentions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Webmentions",
                table: "CommentSettings",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "Kind",
                table: "Comments",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "SourceUrl",
                table: "Comments",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "OutgoingWebmentions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PostId = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Target = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ContentVersion = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Removed = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LeaseUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClaimToken = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Endpoint = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    StatusCode = table.Column<int>(type: "integer", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    DoneAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutgoingWebmentions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OutgoingWebmentions_Posts_PostId",
                        column: x => x.PostId,
                        principalTable: "Posts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReceivedWebmentions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Source = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Target = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    PostId = table.Column<int>(type: "integer", nullable: false),
                    IpHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ReceivedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LeaseUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClaimToken = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Outcome = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    DoneAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReceivedWebmentions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReceivedWebmentions_Posts_PostId",
                        column: x => x.PostId,
                        principalTable: "Posts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Comments_PostId_SourceUrl",
                table: "Comments",
                columns: new[] { "PostId", "SourceUrl" },
                unique: true,
                filter: "\"SourceUrl\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_OutgoingWebmentions_PostId_Target_ContentVersion",
                table: "OutgoingWebmentions",
                columns: new[] { "PostId", "Target", "ContentVersion" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutgoingWebmentions_State_NextAttemptAt",
                table: "OutgoingWebmentions",
                columns: new[] { "State", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ReceivedWebmentions_IpHash_ReceivedAtUtc",
                table: "ReceivedWebmentions",
                columns: new[] { "IpHash", "ReceivedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ReceivedWebmentions_PostId",
                table: "ReceivedWebmentions",
                column: "PostId");

            migrationBuilder.CreateIndex(
                name: "IX_ReceivedWebmentions_Source_Target",
                table: "ReceivedWebmentions",
                columns: new[] { "Source", "Target" });

            migrationBuilder.CreateIndex(
                name: "IX_ReceivedWebmentions_State_NextAttemptAt",
                table: "ReceivedWebmentions",
                columns: new[] { "State", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OutgoingWebmentions");

            migrationBuilder.DropTable(
                name: "ReceivedWebmentions");

            migrationBuilder.DropIndex(
                name: "IX_Comments_PostId_SourceUrl",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "Webmentions",
                table: "CommentSettings");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "SourceUrl",
                table: "Comments");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Blog.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Comments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Approved (1) and not yet approved (0) are CommentStatus.Approved (1) and CommentStatus.Held (0): the
            // imported comments keep their state by the column's new name alone.
            migrationBuilder.RenameColumn(
                name: "Approved",
                table: "Comments",
                newName: "Status");

            migrationBuilder.AddColumn<bool>(
                name: "CommentsClosed",
                table: "Posts",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AlterColumn<string>(
                name: "AuthorEmail",
                table: "Comments",
                type: "TEXT",
                maxLength: 300,
                nullable: true,
                collation: "NOCASE",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 300,
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Html",
                table: "Comments",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "IpHash",
                table: "Comments",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsOwner",
                table: "Comments",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "ParentId",
                table: "Comments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UserAgent",
                table: "Comments",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CommentSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    HoldEvery = table.Column<bool>(type: "INTEGER", nullable: false),
                    ClosedEverywhere = table.Column<bool>(type: "INTEGER", nullable: false),
                    CloseAfterDays = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxLinks = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxPerAddressPerHour = table.Column<int>(type: "INTEGER", nullable: false),
                    BlockedWords = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    AkismetKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    AddressKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommentSettings", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Comments_AuthorEmail",
                table: "Comments",
                column: "AuthorEmail");

            migrationBuilder.CreateIndex(
                name: "IX_Comments_IpHash_CreatedAtUtc",
                table: "Comments",
                columns: new[] { "IpHash", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Comments_ParentId",
                table: "Comments",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_Comments_PostId_Status_CreatedAtUtc",
                table: "Comments",
                columns: new[] { "PostId", "Status", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Comments_Status_CreatedAtUtc",
                table: "Comments",
                columns: new[] { "Status", "CreatedAtUtc" });

            migrationBuilder.AddForeignKey(
                name: "FK_Comments_Comments_ParentId",
                table: "Comments",
                column: "ParentId",
                principalTable: "Comments",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Comments_Comments_ParentId",
                table: "Comments");

            migrationBuilder.DropTable(
                name: "CommentSettings");

            migrationBuilder.DropIndex(
                name: "IX_Comments_AuthorEmail",
                table: "Comments");

            migrationBuilder.DropIndex(
                name: "IX_Comments_IpHash_CreatedAtUtc",
                table: "Comments");

            migrationBuilder.DropIndex(
                name: "IX_Comments_ParentId",
                table: "Comments");

            migrationBuilder.DropIndex(
                name: "IX_Comments_PostId_Status_CreatedAtUtc",
                table: "Comments");

            migrationBuilder.DropIndex(
                name: "IX_Comments_Status_CreatedAtUtc",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "CommentsClosed",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "Html",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "IpHash",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "IsOwner",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "ParentId",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "UserAgent",
                table: "Comments");

            migrationBuilder.RenameColumn(
                name: "Status",
                table: "Comments",
                newName: "Approved");

            migrationBuilder.AlterColumn<string>(
                name: "AuthorEmail",
                table: "Comments",
                type: "TEXT",
                maxLength: 300,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 300,
                oldNullable: true,
                oldCollation: "NOCASE");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Blog.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Photographs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Hand-written: the sample content's footer named the software; the footer now names the blog instead.
            migrationBuilder.Sql("UPDATE SiteSettings SET FooterText = NULL WHERE FooterText = 'Written with care. Powered by Blog.Web.';");

            migrationBuilder.AddColumn<bool>(
                name: "ShowCameraDetails",
                table: "SiteSettings",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "CoverFocusX",
                table: "Posts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CoverFocusY",
                table: "Posts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Camera_Aperture",
                table: "MediaItems",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Camera_Camera",
                table: "MediaItems",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Camera_ExposureTime",
                table: "MediaItems",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Camera_FocalLength",
                table: "MediaItems",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Camera_Iso",
                table: "MediaItems",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Camera_Lens",
                table: "MediaItems",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FocusX",
                table: "MediaItems",
                type: "INTEGER",
                nullable: false,
                defaultValue: 50); // edited by hand: photos already in the library centre their crop

            migrationBuilder.AddColumn<int>(
                name: "FocusY",
                table: "MediaItems",
                type: "INTEGER",
                nullable: false,
                defaultValue: 50); // edited by hand: photos already in the library centre their crop
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ShowCameraDetails",
                table: "SiteSettings");

            migrationBuilder.DropColumn(
                name: "CoverFocusX",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "CoverFocusY",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "Camera_Aperture",
                table: "MediaItems");

            migrationBuilder.DropColumn(
                name: "Camera_Camera",
                table: "MediaItems");

            migrationBuilder.DropColumn(
                name: "Camera_ExposureTime",
                table: "MediaItems");

            migrationBuilder.DropColumn(
                name: "Camera_FocalLength",
                table: "MediaItems");

            migrationBuilder.DropColumn(
                name: "Camera_Iso",
                table: "MediaItems");

            migrationBuilder.DropColumn(
                name: "Camera_Lens",
                table: "MediaItems");

            migrationBuilder.DropColumn(
                name: "FocusX",
                table: "MediaItems");

            migrationBuilder.DropColumn(
                name: "FocusY",
                table: "MediaItems");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StyleGallery.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PictureBytes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Bytes",
                table: "Pictures",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Bytes",
                table: "Pictures");
        }
    }
}

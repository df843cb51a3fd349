using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StyleGallery.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class JobSecretsAndPrivateStyles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Published",
                table: "UserStyles",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "SecretHash",
                table: "Pictures",
                type: "character varying(43)",
                maxLength: 43,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_UserStyles_Owner_CreatedAt",
                table: "UserStyles",
                columns: new[] { "Owner", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_UserStyles_Published_CreatedAt",
                table: "UserStyles",
                columns: new[] { "Published", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_UserStyles_Owner_CreatedAt",
                table: "UserStyles");

            migrationBuilder.DropIndex(
                name: "IX_UserStyles_Published_CreatedAt",
                table: "UserStyles");

            migrationBuilder.DropColumn(
                name: "Published",
                table: "UserStyles");

            migrationBuilder.DropColumn(
                name: "SecretHash",
                table: "Pictures");
        }
    }
}

using Microsoft.EntityFrameworkCore;

namespace StyleGallery.Data;

/// <summary>The model on SQLite; its migrations live in <c>Data/Migrations/Sqlite</c>.</summary>
public sealed class SqliteStyleGalleryDb(DbContextOptions<SqliteStyleGalleryDb> options) : StyleGalleryDb(options)
{
    internal override string ListTablesSql =>
        "SELECT \"name\" AS \"Value\" FROM \"sqlite_master\" WHERE \"type\" = 'table' AND \"name\" NOT LIKE 'sqlite_%'";
}

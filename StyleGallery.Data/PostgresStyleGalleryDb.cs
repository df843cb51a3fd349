using Microsoft.EntityFrameworkCore;

namespace StyleGallery.Data;

/// <summary>The model on PostgreSQL; its migrations live in <c>Data/Migrations/Postgres</c>.</summary>
public sealed class PostgresStyleGalleryDb(DbContextOptions<PostgresStyleGalleryDb> options) : StyleGalleryDb(options)
{
    internal override string ListTablesSql =>
        "SELECT table_name::text AS \"Value\" FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'";
}

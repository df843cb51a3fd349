using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace StyleGallery.Data.DesignTime;

/// <summary>
/// What <c>dotnet ef</c> (build/add-migration.sh) uses to build the PostgreSQL model without starting the app or
/// needing a server: adding a migration never connects.
/// </summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresStyleGalleryDb>
{
    public PostgresStyleGalleryDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresStyleGalleryDb>().UseNpgsql("Host=localhost;Database=stylegallery_design_time").Options);
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace StyleGallery.Data.DesignTime;

/// <summary>
/// What <c>dotnet ef</c> (build/add-migration.sh) uses to build the SQLite model, instead of starting the whole app
/// (which would install models and start the engine). Adding a migration never opens the database.
/// </summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteStyleGalleryDb>
{
    public SqliteStyleGalleryDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteStyleGalleryDb>().UseSqlite("Data Source=stylegallery-design-time.db").Options);
}

using Microsoft.EntityFrameworkCore;

namespace StyleGallery.Web.Data;

/// <summary>Pictures and user-added styles. Short-lived: made per operation by an IDbContextFactory, never held by a component.</summary>
public sealed class StyleGalleryDb(DbContextOptions<StyleGalleryDb> options) : DbContext(options)
{
    public DbSet<PictureRecord> Pictures => Set<PictureRecord>();

    public DbSet<UserStyleRecord> UserStyles => Set<UserStyleRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var picture = modelBuilder.Entity<PictureRecord>();
        picture.HasKey(p => p.Id);
        picture.Property(p => p.Id).HasMaxLength(22);
        picture.Property(p => p.Kind).HasConversion<string>().HasMaxLength(16);
        picture.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        picture.OwnsMany(p => p.Styles, styles => styles.ToJson());
        // SQLite cannot order by DateTimeOffset; ticks keep "newest first" in SQL on every provider.
        picture.Property(p => p.CreatedAt).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        picture.HasIndex(p => new { p.Owner, p.CreatedAt });
        picture.HasIndex(p => new { p.Published, p.CreatedAt });

        var style = modelBuilder.Entity<UserStyleRecord>();
        style.HasKey(s => s.Id);
        style.Property(s => s.Title).HasMaxLength(UserStyleLimits.TitleLength);
        style.Property(s => s.Artist).HasMaxLength(UserStyleLimits.ArtistLength);
        style.Property(s => s.CreatedAt).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
    }
}

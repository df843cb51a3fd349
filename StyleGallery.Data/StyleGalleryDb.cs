using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace StyleGallery.Data;

/// <summary>
/// Pictures, user-added styles, the engine's durable jobs and the app's Data Protection keys. Short-lived: made per operation by an IDbContextFactory, never held by a component.
/// Abstract because each database provider has its own migrations (EF Core's "one context type per provider"):
/// <see cref="SqliteStyleGalleryDb"/> and <see cref="PostgresStyleGalleryDb"/> share this model and differ only in
/// which migrations belong to them; the app injects <c>IDbContextFactory&lt;StyleGalleryDb&gt;</c> and never sees which.
/// </summary>
public abstract class StyleGalleryDb(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<PictureRecord> Pictures => Set<PictureRecord>();

    public DbSet<UserStyleRecord> UserStyles => Set<UserStyleRecord>();

    /// <summary>Who trained each fast style trained through the web app, and whether it is published.</summary>
    public DbSet<TrainedStyleRecord> TrainedStyles => Set<TrainedStyleRecord>();

    /// <summary>The engine's durable jobs (<see cref="EfJobStore"/>).</summary>
    public DbSet<JobRow> Jobs => Set<JobRow>();

    /// <summary>
    /// The keys that protect antiforgery tokens and other protected payloads, kept here rather than in a folder of one
    /// machine so that every app instance on this database, and the app after a restart or a redeploy, reads them.
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// A query listing the tables of the current schema, one per row in a column named <c>Value</c>: how
    /// <see cref="PreMigrationDatabase"/> tells a database made by <c>EnsureCreated</c> from a new one.
    /// </summary>
    internal abstract string ListTablesSql { get; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var picture = modelBuilder.Entity<PictureRecord>();
        picture.HasKey(p => p.Id);
        picture.Property(p => p.Id).HasMaxLength(22);
        picture.Property(p => p.Kind).HasConversion<string>().HasMaxLength(16);
        picture.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        picture.Property(p => p.SecretHash).HasMaxLength(43);
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
        style.HasIndex(s => new { s.Owner, s.CreatedAt });
        style.HasIndex(s => new { s.Published, s.CreatedAt });

        var trained = modelBuilder.Entity<TrainedStyleRecord>();
        trained.HasKey(t => t.StyleId);
        trained.Property(t => t.StyleId).HasMaxLength(64);
        trained.Property(t => t.Title).HasMaxLength(UserStyleLimits.TitleLength);
        trained.Property(t => t.CreatedAt).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        trained.HasIndex(t => new { t.Owner, t.CreatedAt });

        var job = modelBuilder.Entity<JobRow>();
        job.HasKey(j => j.Id);
        job.Property(j => j.Id).HasMaxLength(22);
        job.Property(j => j.Kind).HasMaxLength(16);
        job.Property(j => j.Status).HasConversion<string>().HasMaxLength(16);
        job.Property(j => j.CreatedAt).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        // What a restart reads: the unfinished rows, oldest first.
        job.HasIndex(j => new { j.Status, j.CreatedAt });
    }
}

using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using StyleGallery.Engine.Jobs;

namespace StyleGallery.Data;

/// <summary>
/// Registers the DbContext factory for the configured provider, the migration/recovery step at start, and Data
/// Protection with its keys in the database. The app injects <c>IDbContextFactory&lt;StyleGalleryDb&gt;</c>; behind it
/// is EF Core's factory of the provider's own derived context, so each provider finds only its own migrations.
/// </summary>
public static class DatabaseRegistration
{
    /// <summary>
    /// Data Protection's application name: fixed, so that keys protect the same payloads whatever folder the app runs
    /// from (the default is the content root path) and app instances sharing the database can read each other's.
    /// </summary>
    public const string DataProtectionApplicationName = "StyleGallery";

    /// <exception cref="DatabaseConfigurationException">The provider is not one this build knows: fail at start, not at first use.</exception>
    public static IServiceCollection AddStyleGalleryDatabase(this IServiceCollection services, DatabaseSettings settings, string dataDirectory)
    {
        var connection = settings.ConnectionStringFor(dataDirectory);
        var provider = settings.Provider;
        Configure(new DbContextOptionsBuilder<StyleGalleryDb>(), provider, connection);
        Directory.CreateDirectory(dataDirectory);
        switch (Normalize(provider))
        {
            case DatabaseSettings.PostgreSql:
                services.AddProviderContext<PostgresStyleGalleryDb>(options => Configure(options, provider, connection));
                break;
            default:
                services.AddProviderContext<SqliteStyleGalleryDb>(options => Configure(options, provider, connection));
                break;
        }
        services.AddSingleton<PictureArchive>();
        services.AddSingleton<UserStyleArchive>();
        services.AddSingleton<TrainedStyleArchive>();
        services.AddSingleton<IJobStore, EfJobStore>();
        // Hosted services start in the order they were added: the migration must come before Data Protection's,
        // which reads the key ring from the database at start.
        services.AddHostedService<DatabaseStartup>();
        // Data Protection's key repository asks a scope for the context itself.
        services.AddScoped<StyleGalleryDb>(sp => sp.GetRequiredService<IDbContextFactory<StyleGalleryDb>>().CreateDbContext());
        services.AddDataProtection()
            .SetApplicationName(DataProtectionApplicationName)
            .PersistKeysToDbContext<StyleGalleryDb>();
        return services;
    }

    /// <exception cref="DatabaseConfigurationException">The provider is not one this build knows.</exception>
    public static void Configure(DbContextOptionsBuilder options, string provider, string connection)
    {
        switch (Normalize(provider))
        {
            case DatabaseSettings.Sqlite:
                options.UseSqlite(connection);
                break;
            case DatabaseSettings.PostgreSql:
                options.UseNpgsql(connection);
                break;
            default:
                throw new DatabaseConfigurationException(
                    $"Unknown database provider '{provider}' in StyleGallery:Database:Provider; this build supports: {string.Join(", ", DatabaseSettings.Providers)}.");
        }
    }

    private static string Normalize(string provider) => provider.Trim().ToLowerInvariant();

    private static void AddProviderContext<TContext>(this IServiceCollection services, Action<DbContextOptionsBuilder> configure)
        where TContext : StyleGalleryDb
    {
        services.AddDbContextFactory<TContext>(configure);
        services.AddSingleton<IDbContextFactory<StyleGalleryDb>, ProviderDbContextFactory<TContext>>();
    }
}

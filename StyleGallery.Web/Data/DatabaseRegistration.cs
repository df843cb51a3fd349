using Microsoft.EntityFrameworkCore;

namespace StyleGallery.Web.Data;

/// <summary>Registers the DbContext factory for the configured provider, and the schema/recovery step at start.</summary>
public static class DatabaseRegistration
{
    public static IServiceCollection AddStyleGalleryDatabase(this IServiceCollection services, DatabaseSettings settings, string dataDirectory)
    {
        var connection = settings.ConnectionStringFor(dataDirectory);
        Configure(new DbContextOptionsBuilder<StyleGalleryDb>(), settings.Provider, connection); // fail at start, not at first use
        Directory.CreateDirectory(dataDirectory);
        services.AddDbContextFactory<StyleGalleryDb>(options => Configure(options, settings.Provider, connection));
        services.AddSingleton<PictureArchive>();
        services.AddSingleton<UserStyleArchive>();
        services.AddHostedService<DatabaseStartup>();
        return services;
    }

    /// <exception cref="DatabaseConfigurationException">The provider is not one this build knows.</exception>
    public static void Configure(DbContextOptionsBuilder options, string provider, string connection)
    {
        switch (provider.Trim().ToLowerInvariant())
        {
            case DatabaseSettings.Sqlite:
                options.UseSqlite(connection);
                break;
            default:
                throw new DatabaseConfigurationException(
                    $"Unknown database provider '{provider}' in StyleGallery:Database:Provider; this build supports: {DatabaseSettings.Sqlite}.");
        }
    }
}

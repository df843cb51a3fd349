using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using StyleGallery.Data;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Web.Data;

/// <summary>The app's schema comes from migrations, the same ones in spirit on every provider, and none is forgotten.</summary>
public sealed class MigrationTests
{
    /// <summary>Fails when the model changed without build/add-migration.sh: the next start would refuse to migrate.</summary>
    [Theory]
    [InlineData(DatabaseSettings.Sqlite)]
    [InlineData(DatabaseSettings.PostgreSql)]
    public void The_model_has_no_changes_that_lack_a_migration(string provider)
    {
        using var db = ContextFor(provider);

        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model of {db.GetType().Name} changed without a migration: run build/add-migration.sh <Name> and commit what it adds.");
    }

    [Fact]
    public void Every_provider_has_the_same_migrations_in_the_same_order_starting_with_Initial()
    {
        using var sqlite = ContextFor(DatabaseSettings.Sqlite);
        using var postgres = ContextFor(DatabaseSettings.PostgreSql);

        var names = Names(sqlite);

        Assert.Equal(names, Names(postgres));
        Assert.Equal(PreMigrationDatabase.InitialMigration, names[0]);
    }

    [Theory]
    [InlineData(DatabaseSettings.Sqlite)]
    [PostgresData]
    public async Task A_new_database_gets_every_migration_at_start_and_a_restart_applies_none(string provider)
    {
        using var data = new TestDataFolder(provider, migrate: false);

        await using var db = await data.Databases.CreateDbContextAsync();
        var first = await DatabaseMigration.MigrateAsync(db);
        var second = await DatabaseMigration.MigrateAsync(db);

        Assert.Null(first.AdoptedAt);
        Assert.Equal(db.Database.GetMigrations(), first.Applied);
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal((null, 0), (second.AdoptedAt, second.Applied.Count));
    }

    [Theory]
    [InlineData(DatabaseSettings.Sqlite)]
    [PostgresData]
    public async Task The_app_migrates_at_start_and_the_stores_work_on_the_result(string provider)
    {
        using var data = new TestDataFolder(provider, migrate: false);

        await new DatabaseStartup(data.Databases, NullLogger<DatabaseStartup>.Instance).StartAsync(CancellationToken.None);
        var picture = TestDataFolder.NewPicture("me");
        await data.Pictures.AddAsync(picture);

        Assert.Equal(picture.Id, (await data.Pictures.FindAsync(picture.Id))?.Id);
    }

    [Theory]
    [InlineData(DatabaseSettings.Sqlite, typeof(SqliteStyleGalleryDb))]
    [InlineData(DatabaseSettings.PostgreSql, typeof(PostgresStyleGalleryDb))]
    [InlineData(" PostgreSQL ", typeof(PostgresStyleGalleryDb))]
    public void The_factory_the_app_injects_makes_the_providers_own_context(string provider, Type expected)
    {
        using var db = ContextFor(provider);

        Assert.IsType(expected, db);
    }

    /// <summary>A context as the app makes it; nothing here opens a connection, so no server is needed.</summary>
    private static StyleGalleryDb ContextFor(string provider)
    {
        var settings = new DatabaseSettings { Provider = provider, ConnectionString = string.Equals(provider.Trim(), DatabaseSettings.PostgreSql, StringComparison.OrdinalIgnoreCase) ? "Host=127.0.0.1;Database=unused" : "Data Source=:memory:" };
        var services = new ServiceCollection().AddLogging().AddStyleGalleryDatabase(settings, Path.GetTempPath()).BuildServiceProvider();
        return services.GetRequiredService<IDbContextFactory<StyleGalleryDb>>().CreateDbContext();
    }

    private static List<string> Names(StyleGalleryDb db) => db.Database.GetMigrations().Select(id => id[(id.IndexOf('_') + 1)..]).ToList();
}

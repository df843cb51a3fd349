using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StyleGallery.Bench.Servers;
using StyleGallery.Data;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Storage;
using StyleGallery.Tests.Support;
using StyleGallery.Web.Services;

namespace StyleGallery.Tests.Web.Data;

/// <summary>
/// A temporary data folder and a fresh database of one provider (a SQLite file in the folder, or a new database on
/// the test PostgreSQL server), migrated as the app migrates it at start, and the stores over both; all deleted on dispose.
/// </summary>
public sealed class TestDataFolder : IDisposable
{
    /// <param name="provider"><see cref="DatabaseSettings.Sqlite"/> or <see cref="DatabaseSettings.PostgreSql"/>.</param>
    /// <param name="migrate">False leaves the database empty, e.g. to make an old one in it first.</param>
    public TestDataFolder(string provider = DatabaseSettings.Sqlite, bool migrate = true)
    {
        var connection = provider == DatabaseSettings.PostgreSql ? PostgresServer.Shared.CreateDatabase() : null;
        Options = new StyleGalleryWebOptions { DataDirectory = Folder, Database = new DatabaseSettings { Provider = provider, ConnectionString = connection } };
        Provider = NewServices();
        if (migrate)
        {
            using var db = Databases.CreateDbContext();
            DatabaseMigration.MigrateAsync(db).GetAwaiter().GetResult();
        }
        Files = new FolderFileStore(Options.DataDirectory);
        Results = new ResultStore(Files);
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "sg-data-" + Guid.NewGuid().ToString("N"));

    public bool IsPostgres => Options.Database.Provider == DatabaseSettings.PostgreSql;

    public StyleGalleryWebOptions Options { get; }

    public ServiceProvider Provider { get; }

    public IDbContextFactory<StyleGalleryDb> Databases => Provider.GetRequiredService<IDbContextFactory<StyleGalleryDb>>();

    public PictureArchive Pictures => Provider.GetRequiredService<PictureArchive>();

    public UserStyleArchive UserStyles => Provider.GetRequiredService<UserStyleArchive>();

    public TrainedStyleArchive TrainedStyles => Provider.GetRequiredService<TrainedStyleArchive>();

    /// <summary>The data folder as the app's file store.</summary>
    public IFileStore Files { get; }

    public ResultStore Results { get; }

    /// <summary>Another service provider over the same database: a second app instance, or the same app after a restart.</summary>
    public ServiceProvider NewServices()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddStyleGalleryDatabase(Options.Database, Folder);
        return services.BuildServiceProvider();
    }

    /// <summary>A finished picture with its files, as the app would have stored it.</summary>
    public async Task<PictureRecord> AddPictureAsync(string? owner, PictureStatus status = PictureStatus.Succeeded, bool published = false, DateTimeOffset? created = null)
    {
        var picture = NewPicture(owner, status, published, created);
        await Pictures.AddAsync(picture);
        Results.SaveContent(picture.Id, RgbImage.Filled(40, 30, 10, 200, 10));
        if (status == PictureStatus.Succeeded) Results.Save(picture.Id, RgbImage.Filled(64, 48, 200, 10, 10));
        return picture;
    }

    public static PictureRecord NewPicture(string? owner, PictureStatus status = PictureStatus.Succeeded, bool published = false, DateTimeOffset? created = null) => new()
    {
        Id = ResultStore.NewId(),
        Kind = PictureKind.Optimise,
        Owner = owner,
        Status = status,
        Styles = [new PictureStyle { StyleId = "udnie", Weight = 0.75 }, new PictureStyle { StyleId = "wave", Weight = 0.25 }],
        ParametersJson = StyleGallery.Web.Services.Pictures.PictureParameters.Of(new StyleGallery.Engine.Gatys.GatysOptions { MaxSide = 64, Iterations = 7, Seed = 42 }),
        Width = 64,
        Height = 48,
        Steps = 7,
        CreatedAt = created ?? DateTimeOffset.UtcNow,
        Published = published,
    };

    public void Dispose()
    {
        Provider.Dispose();
        if (IsPostgres) PostgresServer.Shared.DropDatabase(Options.Database.ConnectionString!);
        else SqliteConnection.ClearAllPools(); // pooled connections keep the file open
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }
}

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StyleGallery.Engine.Imaging;
using StyleGallery.Web.Data;
using StyleGallery.Web.Services;

namespace StyleGallery.Tests.Web.Data;

/// <summary>A temporary data folder with a fresh SQLite database in it, and the stores over both; deleted on dispose.</summary>
public sealed class TestDataFolder : IDisposable
{
    public TestDataFolder()
    {
        Options = new StyleGalleryWebOptions { DataDirectory = Folder };
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddStyleGalleryDatabase(Options.Database, Folder);
        Provider = services.BuildServiceProvider();
        using var db = Databases.CreateDbContext();
        db.Database.EnsureCreated();
        Results = new ResultStore(Options);
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "sg-data-" + Guid.NewGuid().ToString("N"));

    public StyleGalleryWebOptions Options { get; }

    public ServiceProvider Provider { get; }

    public IDbContextFactory<StyleGalleryDb> Databases => Provider.GetRequiredService<IDbContextFactory<StyleGalleryDb>>();

    public PictureArchive Pictures => Provider.GetRequiredService<PictureArchive>();

    public UserStyleArchive UserStyles => Provider.GetRequiredService<UserStyleArchive>();

    public ResultStore Results { get; }

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
        SqliteConnection.ClearAllPools(); // pooled connections keep the file open
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }
}

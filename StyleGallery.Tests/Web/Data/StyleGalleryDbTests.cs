using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using StyleGallery.Web.Data;
using StyleGallery.Web.Services.Pictures;

namespace StyleGallery.Tests.Web.Data;

public sealed class StyleGalleryDbTests : IDisposable
{
    private readonly TestDataFolder _data = new();

    [Fact]
    public async Task A_picture_comes_back_from_a_new_context_with_its_styles_status_and_parameters()
    {
        var created = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);
        var picture = TestDataFolder.NewPicture("owner-a", PictureStatus.Running, published: true, created);
        picture.EngineJobId = picture.Id;
        await _data.Pictures.AddAsync(picture);

        var loaded = await _data.Pictures.FindAsync(picture.Id);

        Assert.NotNull(loaded);
        Assert.Equal(("owner-a", PictureKind.Optimise, PictureStatus.Running, true, created), (loaded.Owner, loaded.Kind, loaded.Status, loaded.Published, loaded.CreatedAt));
        Assert.Equal([("udnie", 0.75), ("wave", 0.25)], loaded.Styles.Select(s => (s.StyleId, s.Weight)));
        var options = PictureParameters.GatysFrom(loaded.ParametersJson);
        Assert.Equal((64, 7, 42L), (options!.MaxSide, options.Iterations, options.Seed));
        Assert.Equal(picture.Id, loaded.EngineJobId);
    }

    [Fact]
    public async Task Status_and_kind_are_stored_as_readable_text()
    {
        await _data.Pictures.AddAsync(TestDataFolder.NewPicture("o", PictureStatus.Cancelled));

        await using var db = await _data.Databases.CreateDbContextAsync();
        var row = await db.Database.SqlQueryRaw<string>("SELECT Status || '/' || Kind AS Value FROM Pictures").SingleAsync();

        Assert.Equal("Cancelled/Optimise", row);
    }

    [Fact]
    public async Task A_user_style_round_trips()
    {
        var style = new UserStyleRecord { Id = "user-0123456789abcdef", Title = "Sunflowers", Artist = "Me", Owner = "o", Width = 10, Height = 20, CreatedAt = DateTimeOffset.UtcNow };
        await _data.UserStyles.AddAsync(style);

        var loaded = await _data.UserStyles.FindAsync(style.Id);

        Assert.Equal(("Sunflowers", "Me", "o", 10, 20), (loaded!.Title, loaded.Artist, loaded.Owner, loaded.Width, loaded.Height));
    }

    [Fact]
    public async Task An_owners_list_is_theirs_only_and_newest_first()
    {
        var now = DateTimeOffset.UtcNow;
        var older = await _data.AddPictureAsync("me", created: now.AddMinutes(-5));
        var newer = await _data.AddPictureAsync("me", created: now);
        await _data.AddPictureAsync("someone-else");

        var mine = await _data.Pictures.ListByOwnerAsync("me");

        Assert.Equal([newer.Id, older.Id], mine.Select(p => p.Id));
    }

    [Fact]
    public async Task Only_queued_and_running_optimisations_count_towards_the_owner_limit()
    {
        await _data.Pictures.AddAsync(TestDataFolder.NewPicture("me", PictureStatus.Queued));
        await _data.Pictures.AddAsync(TestDataFolder.NewPicture("me", PictureStatus.Running));
        await _data.Pictures.AddAsync(TestDataFolder.NewPicture("me", PictureStatus.Succeeded));
        var fast = TestDataFolder.NewPicture("me", PictureStatus.Running);
        fast.Kind = PictureKind.Fast;
        await _data.Pictures.AddAsync(fast);
        await _data.Pictures.AddAsync(TestDataFolder.NewPicture("other", PictureStatus.Running));

        Assert.Equal(2, await _data.Pictures.CountActiveOptimisationsAsync("me"));
    }

    [Fact]
    public async Task Restart_recovery_fails_unfinished_pictures_with_a_message_and_leaves_finished_ones()
    {
        var running = TestDataFolder.NewPicture("me", PictureStatus.Running);
        var queued = TestDataFolder.NewPicture("me", PictureStatus.Queued);
        var done = TestDataFolder.NewPicture("me", PictureStatus.Succeeded);
        foreach (var p in new[] { running, queued, done }) await _data.Pictures.AddAsync(p);

        await new DatabaseStartup(_data.Databases, _data.Pictures, NullLogger<DatabaseStartup>.Instance).StartAsync(CancellationToken.None);

        foreach (var id in new[] { running.Id, queued.Id })
        {
            var failed = await _data.Pictures.FindAsync(id);
            Assert.Equal((PictureStatus.Failed, "The server restarted while this picture was being painted."), (failed!.Status, failed.Error));
            Assert.NotNull(failed.FinishedAt);
        }
        Assert.Equal(PictureStatus.Succeeded, (await _data.Pictures.FindAsync(done.Id))!.Status);
    }

    [Fact]
    public void An_unknown_provider_is_a_clear_error()
    {
        var e = Assert.Throws<DatabaseConfigurationException>(() =>
            DatabaseRegistration.Configure(new DbContextOptionsBuilder<StyleGalleryDb>(), "oracle", "Data Source=x"));

        Assert.Contains("Unknown database provider 'oracle'", e.Message);
        Assert.Contains("sqlite", e.Message);
    }

    [Fact]
    public void The_default_connection_string_is_a_file_in_the_data_folder() =>
        Assert.Equal($"Data Source={Path.Combine("/srv/data", "stylegallery.db")}", new DatabaseSettings().ConnectionStringFor("/srv/data"));

    public void Dispose() => _data.Dispose();
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using StyleGallery.Data;
using StyleGallery.Tests.Support;
using StyleGallery.Web.Services.Pictures;

namespace StyleGallery.Tests.Web.Data;

/// <summary>The stores over a real database, on every provider.</summary>
public sealed class StyleGalleryDbTests
{
    [Theory]
    [InlineData(DatabaseSettings.Sqlite)]
    [PostgresData]
    public async Task A_picture_comes_back_from_a_new_context_with_its_styles_status_and_parameters(string provider)
    {
        using var data = new TestDataFolder(provider);
        var created = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);
        var picture = TestDataFolder.NewPicture("owner-a", PictureStatus.Running, published: true, created);
        picture.EngineJobId = picture.Id;
        await data.Pictures.AddAsync(picture);

        var loaded = await data.Pictures.FindAsync(picture.Id);

        Assert.NotNull(loaded);
        Assert.Equal(("owner-a", PictureKind.Optimise, PictureStatus.Running, true, created), (loaded.Owner, loaded.Kind, loaded.Status, loaded.Published, loaded.CreatedAt));
        Assert.Equal([("udnie", 0.75), ("wave", 0.25)], loaded.Styles.Select(s => (s.StyleId, s.Weight)));
        var options = PictureParameters.GatysFrom(loaded.ParametersJson);
        Assert.Equal((64, 7, 42L), (options!.MaxSide, options.Iterations, options.Seed));
        Assert.Equal(picture.Id, loaded.EngineJobId);
    }

    [Theory]
    [InlineData(DatabaseSettings.Sqlite)]
    [PostgresData]
    public async Task Status_and_kind_are_stored_as_readable_text(string provider)
    {
        using var data = new TestDataFolder(provider);
        await data.Pictures.AddAsync(TestDataFolder.NewPicture("o", PictureStatus.Cancelled));

        await using var db = await data.Databases.CreateDbContextAsync();
        var row = await db.Database.SqlQueryRaw<string>("""SELECT "Status" || '/' || "Kind" AS "Value" FROM "Pictures" """).SingleAsync();

        Assert.Equal("Cancelled/Optimise", row);
    }

    [Theory]
    [InlineData(DatabaseSettings.Sqlite)]
    [PostgresData]
    public async Task A_user_style_round_trips(string provider)
    {
        using var data = new TestDataFolder(provider);
        var style = new UserStyleRecord { Id = "user-0123456789abcdef", Title = "Sunflowers", Artist = "Me", Owner = "o", Width = 10, Height = 20, CreatedAt = DateTimeOffset.UtcNow };
        await data.UserStyles.AddAsync(style);

        var loaded = await data.UserStyles.FindAsync(style.Id);

        Assert.Equal(("Sunflowers", "Me", "o", 10, 20), (loaded!.Title, loaded.Artist, loaded.Owner, loaded.Width, loaded.Height));
    }

    [Theory]
    [InlineData(DatabaseSettings.Sqlite)]
    [PostgresData]
    public async Task User_styles_are_listed_oldest_first_by_owner_newest_first_and_deleted(string provider)
    {
        using var data = new TestDataFolder(provider);
        var now = DateTimeOffset.UtcNow;
        UserStyleRecord Style(string id, string owner, int minutesAgo) =>
            new() { Id = id, Title = id, Owner = owner, Width = 1, Height = 1, CreatedAt = now.AddMinutes(-minutesAgo) };
        foreach (var style in new[] { Style("user-b", "me", 5), Style("user-a", "me", 10), Style("user-c", "other", 1) }) await data.UserStyles.AddAsync(style);

        var all = data.UserStyles.All().Select(s => s.Id);
        var mine = (await data.UserStyles.ListByOwnerAsync("me")).Select(s => s.Id);
        var deleted = await data.UserStyles.DeleteAsync("user-a");

        Assert.Equal(["user-a", "user-b", "user-c"], all);
        Assert.Equal(["user-b", "user-a"], mine);
        Assert.True(deleted);
        Assert.Null(await data.UserStyles.FindAsync("user-a"));
        Assert.False(await data.UserStyles.DeleteAsync("user-a"));
    }

    [Theory]
    [InlineData(DatabaseSettings.Sqlite)]
    [PostgresData]
    public async Task A_picture_is_updated_and_deleted(string provider)
    {
        using var data = new TestDataFolder(provider);
        var picture = TestDataFolder.NewPicture("me", PictureStatus.Running);
        await data.Pictures.AddAsync(picture);
        var finished = DateTimeOffset.UtcNow;

        var updated = await data.Pictures.UpdateAsync(picture.Id, p => (p.Status, p.FinishedAt, p.Styles) = (PictureStatus.Succeeded, finished, [new PictureStyle { StyleId = "wave" }]));
        var loaded = await data.Pictures.FindAsync(picture.Id);
        var deleted = await data.Pictures.DeleteAsync(picture.Id);

        Assert.True(updated);
        Assert.Equal(PictureStatus.Succeeded, loaded!.Status);
        Assert.Equal(finished.UtcTicks / 10, loaded.FinishedAt!.Value.UtcTicks / 10); // PostgreSQL keeps microseconds
        Assert.Equal([("wave", 1.0)], loaded.Styles.Select(s => (s.StyleId, s.Weight)));
        Assert.True(deleted);
        Assert.Null(await data.Pictures.FindAsync(picture.Id));
        Assert.False(await data.Pictures.UpdateAsync(picture.Id, _ => { }));
    }

    [Theory]
    [InlineData(DatabaseSettings.Sqlite)]
    [PostgresData]
    public async Task An_owners_list_is_theirs_only_and_newest_first(string provider)
    {
        using var data = new TestDataFolder(provider);
        var now = DateTimeOffset.UtcNow;
        var older = await data.AddPictureAsync("me", created: now.AddMinutes(-5));
        var newer = await data.AddPictureAsync("me", created: now);
        await data.AddPictureAsync("someone-else");

        var mine = await data.Pictures.ListByOwnerAsync("me");

        Assert.Equal([newer.Id, older.Id], mine.Select(p => p.Id));
    }

    [Theory]
    [InlineData(DatabaseSettings.Sqlite)]
    [PostgresData]
    public async Task Only_queued_and_running_optimisations_of_a_browser_are_handed_back_to_its_limit_after_a_restart(string provider)
    {
        using var data = new TestDataFolder(provider);
        PictureRecord Job(string? owner, PictureStatus status, PictureKind kind = PictureKind.Optimise)
        {
            var picture = TestDataFolder.NewPicture(owner, status);
            (picture.EngineJobId, picture.Kind) = ("job-" + picture.Id, kind);
            return picture;
        }
        var queued = Job("me", PictureStatus.Queued);
        var running = Job("other", PictureStatus.Running);
        foreach (var picture in new[] { queued, running, Job("me", PictureStatus.Succeeded), Job("me", PictureStatus.Running, PictureKind.Fast), Job(null, PictureStatus.Running) })
            await data.Pictures.AddAsync(picture);

        var unfinished = await data.Pictures.UnfinishedOptimisationsAsync();

        Assert.Equal([(queued.EngineJobId!, "me"), (running.EngineJobId!, "other")], unfinished.OrderBy(u => u.Owner));
    }

    [Theory]
    [InlineData(DatabaseSettings.Sqlite)]
    [PostgresData]
    public async Task Restart_recovery_fails_the_unfinished_pictures_whose_jobs_do_not_run_again(string provider)
    {
        using var data = new TestDataFolder(provider);
        var interrupted = TestDataFolder.NewPicture("me", PictureStatus.Running);
        var resumed = TestDataFolder.NewPicture("me", PictureStatus.Running);
        var poison = TestDataFolder.NewPicture("me", PictureStatus.Running);
        var done = TestDataFolder.NewPicture("me", PictureStatus.Succeeded);
        foreach (var p in new[] { interrupted, resumed, poison, done }) await data.Pictures.AddAsync(p);

        Assert.True(await data.Pictures.FailAsync(poison.Id, "stopped for good"));
        var failed = await data.Pictures.FailUnfinishedAsync("restarted", except: new HashSet<string> { resumed.Id });

        Assert.Equal(1, failed);
        var gone = await data.Pictures.FindAsync(interrupted.Id);
        Assert.Equal((PictureStatus.Failed, "restarted"), (gone!.Status, gone.Error));
        Assert.NotNull(gone.FinishedAt);
        Assert.Equal((PictureStatus.Failed, "stopped for good"), (await data.Pictures.FindAsync(poison.Id)) is { } p1 ? (p1.Status, p1.Error) : default);
        Assert.Equal(PictureStatus.Running, (await data.Pictures.FindAsync(resumed.Id))!.Status);
        Assert.Equal(PictureStatus.Succeeded, (await data.Pictures.FindAsync(done.Id))!.Status);
        Assert.False(await data.Pictures.FailAsync(done.Id, "never"));
    }

    [Fact]
    public void An_unknown_provider_is_a_clear_error()
    {
        var e = Assert.Throws<DatabaseConfigurationException>(() =>
            DatabaseRegistration.Configure(new DbContextOptionsBuilder<StyleGalleryDb>(), "oracle", "Data Source=x"));

        Assert.Contains("Unknown database provider 'oracle'", e.Message);
        Assert.Contains("this build supports: sqlite, postgresql", e.Message);
    }

    [Fact]
    public void The_default_connection_string_is_a_file_in_the_data_folder() =>
        Assert.Equal($"Data Source={Path.Combine("/srv/data", "stylegallery.db")}", new DatabaseSettings().ConnectionStringFor("/srv/data"));
}

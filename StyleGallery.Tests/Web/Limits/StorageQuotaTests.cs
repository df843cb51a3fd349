using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StyleGallery.Data;
using StyleGallery.Tests.Web.Data;
using StyleGallery.Web.Services;
using StyleGallery.Web.Services.Limits;

namespace StyleGallery.Tests.Web.Limits;

/// <summary>
/// Issue 18 point 6: what one browser keeps (its pictures' recorded bytes and its added paintings' files) and what all
/// visitors' folders take, against the limits, with sizes set by hand.
/// </summary>
public sealed class StorageQuotaTests
{
    [Theory]
    [InlineData(DatabaseSettings.Sqlite)]
    [InlineData(DatabaseSettings.PostgreSql)]
    public async Task A_browser_is_refused_once_its_pictures_and_paintings_take_its_quota(string provider)
    {
        using var data = new TestDataFolder(provider);
        await PictureOfAsync(data, "eve", bytes: 600);
        await PictureOfAsync(data, "eve", bytes: 300);
        await PictureOfAsync(data, "bob", bytes: 10_000);
        await PictureOfAsync(data, owner: null, bytes: 10_000);
        var painting = UserPaintingFiles.NewId();
        data.Files.Write($"paintings/{painting}.jpg", new byte[200]);
        await data.UserStyles.AddAsync(new UserStyleRecord { Id = painting, Title = "Eve's", Owner = "eve", CreatedAt = DateTimeOffset.UtcNow });
        var quota = Quota(data, new StorageSettings { MaxBytesPerOwner = 1100, MaxTotalBytes = 0 });

        Assert.Equal(600 + 300 + 200, await quota.OwnerBytesAsync("eve"));
        var refused = await Assert.ThrowsAsync<StorageQuotaException>(() => quota.EnsureRoomAsync("eve"));
        Assert.Contains("delete some on My pictures", refused.Message);
        await Quota(data, new StorageSettings { MaxBytesPerOwner = 1101, MaxTotalBytes = 0 }).EnsureRoomAsync("eve");
        await quota.EnsureRoomAsync("carol");
        await quota.EnsureRoomAsync(owner: null); // scripts: the total and their retention bound them
    }

    [Fact]
    public async Task The_total_counts_the_visitors_folders_and_is_measured_again_after_a_minute()
    {
        using var data = new TestDataFolder();
        data.Files.Write("results/a.png", new byte[1000]);
        data.Files.Write("videos/b.mp4", new byte[3000]);
        data.Files.Write("engine/jobs/c/result.png", new byte[500]);
        data.Files.Write("models/vgg19.safetensors", new byte[7000]); // installed weights are not visitors' files
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var quota = Quota(data, new StorageSettings { MaxTotalBytes = 4500, MaxBytesPerOwner = 0 }, clock);

        Assert.Equal(4500, quota.TotalBytes());
        var busy = await Assert.ThrowsAsync<EngineBusyException>(() => quota.EnsureRoomAsync("eve"));
        Assert.Equal(StorageQuota.FullMessage, busy.Message);

        data.Files.Delete("videos/b.mp4");
        Assert.Equal(4500, quota.TotalBytes()); // measured a moment ago
        clock.Advance(StorageQuota.TotalMeasuredEvery);
        Assert.Equal(1500, quota.TotalBytes());
        await quota.EnsureRoomAsync("eve");
    }

    private static async Task PictureOfAsync(TestDataFolder data, string? owner, long bytes)
    {
        var picture = TestDataFolder.NewPicture(owner);
        picture.Bytes = bytes;
        await data.Pictures.AddAsync(picture);
    }

    private static StorageQuota Quota(TestDataFolder data, StorageSettings settings, TimeProvider? clock = null) => new(
        data.Pictures, data.UserStyles, new UserPaintingFiles(data.Files), data.Files,
        new DiskSpaceGuard(new DriveFreeSpaceProbe(), data.Options, new RequestLimitSettings { MinFreeDiskBytes = 0 }, NullLogger<DiskSpaceGuard>.Instance),
        settings, NullLogger<StorageQuota>.Instance, clock);
}

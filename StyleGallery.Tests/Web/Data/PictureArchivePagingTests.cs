using StyleGallery.Data;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Web.Data;

public sealed class PictureArchivePagingTests
{
    [Theory]
    [InlineData(DatabaseSettings.Sqlite)]
    [PostgresData]
    public async Task Published_finished_pictures_are_paged_newest_first(string provider)
    {
        using var data = new TestDataFolder(provider);
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var published = new List<string>();
        for (var i = 0; i < 14; i++)
        {
            var picture = TestDataFolder.NewPicture($"owner{i}", published: true, created: start.AddHours(i));
            await data.Pictures.AddAsync(picture);
            published.Add(picture.Id);
        }
        await data.Pictures.AddAsync(TestDataFolder.NewPicture("private", published: false, created: start.AddDays(1)));
        await data.Pictures.AddAsync(TestDataFolder.NewPicture("failed", PictureStatus.Failed, published: true, created: start.AddDays(1)));

        var first = await data.Pictures.PublishedAsync(1, 12);
        var second = await data.Pictures.PublishedAsync(2, 12);

        Assert.Equal(14, first.Total);
        Assert.Equal(published.AsEnumerable().Reverse().Take(12), first.Items.Select(p => p.Id));
        Assert.Equal([published[1], published[0]], second.Items.Select(p => p.Id));
    }
}

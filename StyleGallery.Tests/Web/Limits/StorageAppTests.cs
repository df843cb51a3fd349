using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using StyleGallery.Data;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Imaging;
using StyleGallery.Tests.Support;
using StyleGallery.Tests.Web.Data;
using StyleGallery.Web.Services;
using StyleGallery.Web.Services.Limits;
using StyleGallery.Web.Services.Owners;
using StyleGallery.Web.Services.Pictures;

namespace StyleGallery.Tests.Web.Limits;

/// <summary>
/// Issue 18 point 6 in the running app: a picture records what its files take, a browser past its quota is refused
/// (a page reads the message, the API answers 403) until it deletes, and the clean-up deletes what has outlived its
/// keeping time — cookie-less pictures after a week, unpublished ones only when that is configured — and nothing else.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class StorageAppTests(StyleGalleryAppFactory app) : IClassFixture<StyleGalleryAppFactory>
{
    [Fact]
    public async Task A_browser_past_its_quota_is_refused_until_it_deletes_a_picture()
    {
        await using var site = app.WithWebHostBuilder(b => b.UseSetting("StyleGallery:Storage:MaxBytesPerOwner", "1"));
        var owner = "QuotaQuotaQuotaQuota" + Random.Shared.Next(10, 99);
        var quick = site.Services.GetRequiredService<IQuickStyleService>();
        var photo = ImageEncoder.Encode(TestImages.Gradient(96, 64), EncodedFormat.Png);

        var first = await quick.StylizeAsync(photo, "udnie", new FastStyleOptions(), owner, CancellationToken.None);
        var record = await site.Services.GetRequiredService<PictureArchive>().FindAsync(first.Id);
        var results = site.Services.GetRequiredService<ResultStore>();
        Assert.Equal(new FileInfo(results.Find(first.Id)!).Length + new FileInfo(results.FindContent(first.Id)!).Length, record!.Bytes);

        var refused = await Assert.ThrowsAsync<StorageQuotaException>(() => quick.StylizeAsync(photo, "udnie", new FastStyleOptions(), owner, CancellationToken.None));
        Assert.Contains("delete some on My pictures", refused.Message);
        using var client = site.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", $"{OwnerToken.CookieName}={OwnerToken.CookieValue(site.Services, owner)}");
        using var api = await JobApi.PostAsync(client, "", iterations: 3);
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Contains("delete some on My pictures", (await api.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);

        Assert.True(await site.Services.GetRequiredService<PictureOwnership>().DeleteAsync(first.Id, owner));
        var again = await quick.StylizeAsync(photo, "udnie", new FastStyleOptions(), owner, CancellationToken.None);
        Assert.NotNull(results.Find(again.Id));
    }

    [Fact]
    public async Task The_clean_up_deletes_old_cookie_less_pictures_at_its_interval_and_keeps_the_rest()
    {
        await using var site = app.WithWebHostBuilder(b => b.UseSetting("StyleGallery:Storage:CleanupInterval", "00:00:01"));
        var now = DateTimeOffset.UtcNow;
        var oldScript = await StoreAsync(site.Services, owner: null, now.AddDays(-8));
        var newScript = await StoreAsync(site.Services, owner: null, now.AddDays(-6));
        var oldBrowser = await StoreAsync(site.Services, "CleanupCleanupCleanup1", now.AddDays(-400));

        var pictures = site.Services.GetRequiredService<PictureArchive>();
        var results = site.Services.GetRequiredService<ResultStore>();
        await Eventually.TrueAsync(async () => await pictures.FindAsync(oldScript) is null, "the clean-up deletes the 8-day-old cookie-less picture");

        Assert.Null(results.Find(oldScript));
        Assert.Null(results.FindContent(oldScript));
        Assert.NotNull(await pictures.FindAsync(newScript));
        Assert.NotNull(results.Find(newScript));
        Assert.NotNull(await pictures.FindAsync(oldBrowser)); // kept until its owner deletes it, by default
    }

    [Fact]
    public async Task With_a_retention_for_unpublished_pictures_old_ones_go_and_published_ones_stay()
    {
        await using var site = app.WithWebHostBuilder(b => b.UseSetting("StyleGallery:Storage:UnpublishedRetention", "30.00:00:00"));
        var now = DateTimeOffset.UtcNow;
        var old = await StoreAsync(site.Services, "RetentionRetentionRet1", now.AddDays(-31));
        var published = await StoreAsync(site.Services, "RetentionRetentionRet1", now.AddDays(-31), published: true);
        var recent = await StoreAsync(site.Services, "RetentionRetentionRet1", now.AddDays(-29));

        var deleted = await site.Services.GetRequiredService<StorageCleanup>().RunOnceAsync();

        var pictures = site.Services.GetRequiredService<PictureArchive>();
        Assert.True(deleted >= 1);
        Assert.Null(await pictures.FindAsync(old));
        Assert.Null(site.Services.GetRequiredService<ResultStore>().Find(old));
        Assert.NotNull(await pictures.FindAsync(published));
        Assert.NotNull(await pictures.FindAsync(recent));
    }

    /// <summary>A finished picture with its files, as the app stores one, made at <paramref name="created"/>.</summary>
    private static async Task<string> StoreAsync(IServiceProvider services, string? owner, DateTimeOffset created, bool published = false)
    {
        var picture = TestDataFolder.NewPicture(owner, published: published, created: created);
        var results = services.GetRequiredService<ResultStore>();
        results.SaveContent(picture.Id, RgbImage.Filled(40, 30, 10, 200, 10));
        results.Save(picture.Id, RgbImage.Filled(64, 48, 200, 10, 10));
        picture.Bytes = results.SizeOf(picture.Id);
        await services.GetRequiredService<PictureArchive>().AddAsync(picture);
        return picture.Id;
    }
}

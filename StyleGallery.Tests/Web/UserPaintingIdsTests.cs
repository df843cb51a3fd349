using StyleGallery.Web.Services;

namespace StyleGallery.Tests.Web;

public sealed class UserPaintingIdsTests
{
    [Fact]
    public void A_new_painting_id_carries_128_random_bits_and_older_shorter_ids_stay_valid()
    {
        var ids = Enumerable.Range(0, 100).Select(_ => UserPaintingFiles.NewId()).ToList();

        Assert.All(ids, id => Assert.Equal(UserPaintingFiles.IdPrefix.Length + 32, id.Length));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.True(UserPaintingFiles.IsUserStyleId(id)));
        Assert.True(UserPaintingFiles.IsUserStyleId("user-0123456789abcdef"));
        Assert.False(UserPaintingFiles.IsUserStyleId("user-0123456789abcde"));
        Assert.False(UserPaintingFiles.IsUserStyleId("user-0123456789ABCDEF0123456789abcdef"));
    }
}

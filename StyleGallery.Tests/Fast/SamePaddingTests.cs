using StyleGallery.Engine.Fast;

namespace StyleGallery.Tests.Fast;

public sealed class SamePaddingTests
{
    [Theory]
    // size, kernel, stride -> before, after, output (worked by hand from out = ceil(n/s), total = (out-1)s + k - n)
    [InlineData(62, 9, 1, 4, 4, 62)]
    [InlineData(62, 3, 2, 0, 1, 31)] // even size, stride 2: TensorFlow pads only after
    [InlineData(90, 3, 2, 0, 1, 45)]
    [InlineData(31, 3, 2, 1, 1, 16)]
    [InlineData(45, 3, 2, 1, 1, 23)]
    [InlineData(1, 9, 1, 4, 4, 1)]
    [InlineData(5, 1, 2, 0, 0, 3)]
    [InlineData(10, 2, 4, 0, 0, 3)]
    [InlineData(7, 4, 1, 1, 2, 7)] // odd total: the extra row goes after
    public void Matches_tensorflow_same(long size, int kernel, int stride, long before, long after, long output)
    {
        Assert.Equal(new SamePadding(before, after, output), SamePadding.For(size, kernel, stride));
    }

    [Fact]
    public void Rejects_an_empty_axis()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SamePadding.For(0, 3, 1));
    }
}

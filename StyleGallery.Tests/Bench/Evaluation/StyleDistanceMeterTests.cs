using StyleGallery.Bench.Evaluation;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Networks;
using StyleGallery.Tests.Support;
using static TorchSharp.torch;

namespace StyleGallery.Tests.Bench.Evaluation;

[Collection(TorchCollection.Name)]
public sealed class StyleDistanceMeterTests
{
    [Fact]
    public void Relative_gram_error_matches_a_hand_computed_value()
    {
        // One channel: Ĝ = Σf²/M. [1,2] → 5/2 = 2.5; [2,2] → 8/2 = 4; |2.5 − 4| / 4 = 0.375.
        using var picture = tensor(new float[] { 1, 2 }).reshape(1, 1, 1, 2);
        using var painting = tensor(new float[] { 2, 2 }).reshape(1, 1, 1, 2);
        Assert.Equal(0.375, StyleDistanceMeter.RelativeGramError(picture, painting), 12);
    }

    [Fact]
    public void Relative_gram_error_does_not_depend_on_the_painting_size()
    {
        using var picture = tensor(new float[] { 1, 2 }).reshape(1, 1, 1, 2);
        using var largerPainting = full(new long[] { 1, 1, 2, 2 }, 2f);
        Assert.Equal(0.375, StyleDistanceMeter.RelativeGramError(picture, largerPainting), 12);
    }

    [Fact]
    public void Relative_error_is_the_norm_of_the_difference_over_the_norm_of_the_target()
    {
        using var a = tensor(new float[] { 3, 4 });
        using var b = tensor(new float[] { 0, 5 });
        Assert.Equal(Math.Sqrt(10) / 5, StyleDistanceMeter.RelativeError(a, b), 12);
    }

    [Fact]
    public void A_photo_is_at_distance_zero_from_itself_and_far_from_a_painting()
    {
        using var meter = Meter();
        var photo = ImageResizer.FitWithin(ImageDecoder.DecodeFile(SharedData.Content("tubingen.jpg")), 64);
        var painting = ImageResizer.FitWithin(ImageDecoder.DecodeFile(SharedData.Style("starry_night.jpg")), 64);

        var itself = meter.Measure(photo, photo, photo);
        var againstPainting = meter.Measure(photo, photo, painting);

        Assert.Equal(0, itself.Style, 6);
        Assert.Equal(0, itself.Content, 6);
        Assert.InRange(againstPainting.Style, 0.1, double.MaxValue);
        Assert.Equal(5, againstPainting.StyleByLayer.Count);
        Assert.Equal(againstPainting.StyleByLayer.Values.Average(), againstPainting.Style, 12);
    }

    [Fact]
    public void A_picture_of_another_size_than_the_photo_is_refused()
    {
        using var meter = Meter();
        var photo = new RgbImage(32, 24, new byte[32 * 24 * 3]);
        var other = new RgbImage(24, 24, new byte[24 * 24 * 3]);
        Assert.Throws<ArgumentException>(() => meter.Measure(other, photo, photo));
    }

    private static StyleDistanceMeter Meter()
    {
        var weights = VggWeightFile.Open(SharedData.Vgg("vgg19-imagenet.safetensors"), VggArchitecture.Vgg19, VggWeightConventions.Caffe);
        var (style, content) = StyleDistanceMeter.GatysLayers;
        return new StyleDistanceMeter(weights, style, content);
    }
}

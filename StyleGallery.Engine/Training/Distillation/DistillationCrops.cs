using TorchSharp;
using static TorchSharp.torch;

namespace StyleGallery.Engine.Training.Distillation;

/// <summary>
/// Random crops, scales and horizontal flips for distillation. The photos are kept with their short side at
/// <c>CropSize · MaxScale</c>; each crop is a random square of <c>CropSize</c> … that side, resized down to <c>CropSize</c>
/// by area averaging, and mirrored left–right with probability ½. All draws come from the step's own generator.
/// </summary>
internal sealed class DistillationCrops(TrainingDataset data, int cropSize, int loadedSize)
{
    /// <summary>The photos' short side to load them at, for crops up to <paramref name="maxScale"/> times the crop size.</summary>
    public static int LoadedSize(int cropSize, double maxScale) => (int)Math.Ceiling(cropSize * maxScale);

    /// <summary>A [N,3,S,S] batch in 0..255.</summary>
    public Tensor Batch(IEnumerable<int> photoIndices, Generator generator)
    {
        using var scope = NewDisposeScope();
        using var large = data.Batch(photoIndices, generator);
        var crops = Enumerable.Range(0, (int)large.shape[0]).Select(i => Augment(large[i].unsqueeze(0), generator)).ToList();
        return cat(crops, 0).MoveToOuterDisposeScope();
    }

    private Tensor Augment(Tensor photo, Generator generator)
    {
        var side = cropSize + Below(loadedSize - cropSize + 1, generator);
        var top = Below(loadedSize - side + 1, generator);
        var left = Below(loadedSize - side + 1, generator);
        var window = photo.narrow(2, top, side).narrow(3, left, side);
        var scaled = side == cropSize ? window : nn.functional.interpolate(window, size: [cropSize, cropSize], mode: InterpolationMode.Area);
        return Below(2, generator) == 1 ? scaled.flip(3) : scaled;
    }

    private static long Below(long bound, Generator generator)
    {
        using var draw = randint(bound, [1], generator: generator);
        return draw.item<long>();
    }
}

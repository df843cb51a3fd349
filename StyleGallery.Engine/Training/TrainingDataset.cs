using Microsoft.Extensions.Logging;
using StyleGallery.Engine.Imaging;
using static TorchSharp.torch;

namespace StyleGallery.Engine.Training;

/// <summary>
/// Any folder of photos as a training set: each photo is decoded once, scaled so its short side is the crop size, and
/// kept as 8-bit pixels; batches are random square crops in a shuffled order. All randomness comes from this run's own
/// <see cref="Generator"/>, never torch's global one, so a seed reproduces a run even with other work in the process.
/// </summary>
public sealed class TrainingDataset
{
    private static readonly string[] Extensions = [".jpg", ".jpeg", ".png", ".webp", ".bmp", ".gif"];
    private readonly IReadOnlyList<RgbImage> _photos;
    private readonly int _cropSize;

    private TrainingDataset(IReadOnlyList<RgbImage> photos, int cropSize, IReadOnlyList<string> skipped)
    {
        _photos = photos;
        _cropSize = cropSize;
        Skipped = skipped;
    }

    public int Count => _photos.Count;

    /// <summary>The first photo in file-name order, already scaled to the crop size's short side.</summary>
    public RgbImage First => _photos[0];

    /// <summary>Files that could not be decoded, with the reason.</summary>
    public IReadOnlyList<string> Skipped { get; }

    /// <summary>Decodes every image file of <paramref name="folder"/> (not recursive), skipping unreadable ones with a warning.</summary>
    /// <exception cref="TrainingDataException">The folder is missing, has no image files, or none decodes.</exception>
    public static TrainingDataset Load(string folder, int cropSize, ILogger? logger = null)
    {
        if (!Directory.Exists(folder)) throw new TrainingDataException($"The photo folder '{folder}' does not exist.");
        var files = Directory.EnumerateFiles(folder).Where(IsImageFile).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new TrainingDataException($"The photo folder '{folder}' holds no JPEG, PNG, WebP, BMP or GIF files.");
        var photos = new List<RgbImage>();
        var skipped = new List<string>();
        foreach (var file in files)
        {
            try
            {
                photos.Add(ScaleShortSide(ImageDecoder.DecodeFile(file), cropSize));
            }
            catch (ImageDecodeException e)
            {
                skipped.Add($"{Path.GetFileName(file)}: {e.Message}");
                logger?.LogWarning("Skipping {File}: {Reason}", file, e.Message);
            }
        }
        if (photos.Count == 0) throw new TrainingDataException($"None of the {files.Count} image files in '{folder}' could be decoded (first: {skipped[0]}).");
        return new TrainingDataset(photos, cropSize, skipped);
    }

    /// <summary>Steps in one pass over the photos (the last, partial batch is dropped; at least one step).</summary>
    public int StepsPerEpoch(int batchSize) => Math.Max(1, _photos.Count / batchSize);

    /// <summary>The photo order of one epoch.</summary>
    public int[] Shuffle(Generator generator)
    {
        using var order = randperm(_photos.Count, generator: generator);
        return order.data<long>().Select(i => (int)i).ToArray();
    }

    /// <summary>A [N,3,S,S] float batch in 0..255 of random crops of the given photos.</summary>
    public Tensor Batch(IEnumerable<int> photoIndices, Generator generator)
    {
        var crops = photoIndices.Select(i => Crop(_photos[i], generator)).ToList();
        try { return cat(crops, 0); }
        finally { foreach (var crop in crops) crop.Dispose(); }
    }

    private Tensor Crop(RgbImage photo, Generator generator)
    {
        var left = RandomBelow(photo.Width - _cropSize + 1, generator);
        var top = RandomBelow(photo.Height - _cropSize + 1, generator);
        using var whole = ImageTensors.ToTensor(photo);
        using var rows = whole.narrow(2, top, _cropSize);
        using var crop = rows.narrow(3, left, _cropSize);
        return crop.contiguous();
    }

    private static long RandomBelow(int bound, Generator generator)
    {
        using var draw = randint(bound, [1], generator: generator);
        return draw.item<long>();
    }

    private static RgbImage ScaleShortSide(RgbImage image, int side)
    {
        var scale = (double)side / Math.Min(image.Width, image.Height);
        var width = Math.Max(side, (int)Math.Round(image.Width * scale));
        var height = Math.Max(side, (int)Math.Round(image.Height * scale));
        return ImageResizer.Resize(image, width, height);
    }

    private static bool IsImageFile(string path) => Extensions.Contains(Path.GetExtension(path).ToLowerInvariant());
}

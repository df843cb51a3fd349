namespace StyleGallery.Web.Services;

/// <summary>
/// The sample photos offered under the studio's photo box: the pictures in
/// <see cref="StyleGalleryWebOptions.SamplePhotosDirectory"/>, listed once. Only listed names are ever served, so
/// a name from a URL can never reach outside that folder.
/// </summary>
public sealed class SamplePhotos(StyleGalleryWebOptions options)
{
    /// <summary>The types <c>/samples/{name}</c> serves with a correct content type.</summary>
    private static readonly string[] Extensions = [".jpg", ".jpeg", ".png", ".webp"];

    private readonly Lazy<IReadOnlyList<SamplePhoto>> _all = new(() => List(options.SamplePhotosDirectory));

    public IReadOnlyList<SamplePhoto> All() => _all.Value;

    /// <summary>The file of a listed sample, or null for any other name.</summary>
    public string? PathOf(string name) =>
        All().Any(p => p.Name == name) ? Path.Combine(options.SamplePhotosDirectory!, name) : null;

    /// <exception cref="FileNotFoundException">The name is not a listed sample.</exception>
    public Task<byte[]> ReadAsync(string name, CancellationToken cancellationToken = default) =>
        PathOf(name) is { } path ? File.ReadAllBytesAsync(path, cancellationToken) : throw new FileNotFoundException($"'{name}' is not a sample photo.");

    private static IReadOnlyList<SamplePhoto> List(string? directory)
    {
        if (directory is null || !Directory.Exists(directory)) return [];
        var credits = SamplePhotoManifest.Read(directory);
        return Directory.EnumerateFiles(directory)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => Extensions.Contains(Path.GetExtension(name).ToLowerInvariant()))
            .Order(StringComparer.Ordinal)
            .Select(name => Describe(name, credits.GetValueOrDefault(name)))
            .ToList();
    }

    private static SamplePhoto Describe(string name, SamplePhotoManifest.Entry? entry) =>
        new(name, TitleOf(name), entry?.Description, entry?.Licence);

    /// <summary>"dog_samoyed.jpg" → "Dog samoyed".</summary>
    public static string TitleOf(string fileName)
    {
        var words = Path.GetFileNameWithoutExtension(fileName).Replace('_', ' ').Replace('-', ' ').Trim();
        return words.Length == 0 ? fileName : char.ToUpperInvariant(words[0]) + words[1..];
    }
}

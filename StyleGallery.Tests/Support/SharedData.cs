namespace StyleGallery.Tests.Support;

/// <summary>Locates ../shared (development and test data, never committed) from the repository root.</summary>
public static class SharedData
{
    public static string Root { get; } = FindRoot();

    public static string Models => Path.Combine(Root, "models");
    public static string Golden(string file) => Path.Combine(Root, "models", "golden", file);
    public static string Vgg(string file) => Path.Combine(Root, "models", "vgg", file);
    public static string Fast(string style) => Path.Combine(Root, "models", "fast", style + ".safetensors");
    public static string Content(string file) => Path.Combine(Root, "images", "content", file);
    public static string Styles => Path.Combine(Root, "images", "styles");

    public static string Style(string file) => Path.Combine(Styles, file);
    public static string Train => Path.Combine(Root, "images", "train");

    private static string FindRoot()
    {
        var env = Environment.GetEnvironmentVariable("STYLEGALLERY_SHARED");
        if (!string.IsNullOrEmpty(env)) return Path.GetFullPath(env);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StyleGallery.sln")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
        }
        throw new DirectoryNotFoundException("Cannot find the repository root (StyleGallery.sln) above " + AppContext.BaseDirectory);
    }
}

/// <summary>
/// Torch's RNG and thread settings are process-global: every test that touches tensors joins this
/// collection so they never run in parallel with each other.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection
{
    public const string Name = "torch";
}

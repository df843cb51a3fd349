using StyleGallery.Cli;
using StyleGallery.Engine.Imaging;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Cli;

/// <summary>Runs <c>stylegallery</c> in-process against a temporary models folder mirrored from ../shared.</summary>
internal sealed class CliRunner : IDisposable
{
    public CliRunner() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "sg-cli-" + Guid.NewGuid().ToString("N"));
    public string ModelsFolder => Path.Combine(Root, "models");

    public async Task<(int Code, string Out, string Error)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        string[] common = ["--models", ModelsFolder, "--mirror", SharedData.Models, "--painting-mirror", SharedData.Styles, "--offline"];
        var full = args.Length > 0 && args[0] is "fast" or "gatys" or "video" || (args.Length > 1 && args[0] == "models") ? [.. args, .. common] : args;
        var code = await CliApp.RunAsync(full, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A made-up photo (a colour gradient) written as PNG; no third-party pictures in the tests.</summary>
    public string Photo(string name, int width = 80, int height = 60)
    {
        var path = Path.Combine(Root, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, ImageEncoder.Encode(TestImages.Gradient(width, height), EncodedFormat.Png));
        return path;
    }

    public string File_(string name, byte[] bytes)
    {
        var path = Path.Combine(Root, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
    }
}

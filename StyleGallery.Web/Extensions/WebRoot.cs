namespace StyleGallery.Web.Extensions;

/// <summary>The web root is the repository's <c>wwwroot-assets</c> folder (copied beside the binaries on build).</summary>
public static class WebRoot
{
    public const string FolderName = "wwwroot-assets";

    public static string Locate()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, FolderName);
        if (Directory.Exists(beside)) return beside;
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, FolderName);
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"Cannot find the '{FolderName}' folder.");
    }
}

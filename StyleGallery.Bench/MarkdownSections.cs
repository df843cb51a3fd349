namespace StyleGallery.Bench;

/// <summary>Level-2 sections of a markdown file, replaced in place so several benchmarks share one page.</summary>
internal static class MarkdownSections
{
    /// <summary>Prints <paramref name="section"/> and, unless <paramref name="path"/> is null, replaces it in that file.</summary>
    public static void Publish(string? path, string heading, string section, TextWriter log)
    {
        log.WriteLine();
        log.WriteLine(section);
        if (path is null) return;
        Replace(path, heading, section);
        log.WriteLine($"Written to {Path.GetFullPath(path)}.");
    }

    /// <summary>Replaces the section under <paramref name="heading"/> (up to the next level-2 heading) or appends it.</summary>
    public static void Replace(string path, string heading, string section)
    {
        var existing = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n\n";
        var start = existing.IndexOf(heading, StringComparison.Ordinal);
        string updated;
        if (start < 0) updated = existing.TrimEnd() + "\n\n" + section;
        else
        {
            var next = existing.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
            updated = existing[..start] + section + (next < 0 ? "" : "\n" + existing[(next + 1)..]);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, updated);
    }
}

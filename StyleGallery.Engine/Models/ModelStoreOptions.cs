namespace StyleGallery.Engine.Models;

/// <summary>Where models live on this machine.</summary>
/// <param name="ModelsDirectory">Installed models, each at its catalogue <c>mirrorPath</c> below this folder.</param>
/// <param name="MirrorDirectory">An optional local copy laid out the same way (e.g. the development data's <c>models</c> folder), tried before any download.</param>
/// <param name="CopyBufferBytes">Buffer size for copies and downloads.</param>
/// <param name="AllowDownloads">False keeps installs to the mirror: for offline machines, tests and CI.</param>
/// <param name="PaintingMirrorDirectory">An optional local folder of the paintings' pictures by file name (e.g. the development data's <c>images/styles</c>).</param>
public sealed record ModelStoreOptions(
    string ModelsDirectory,
    string? MirrorDirectory = null,
    int CopyBufferBytes = 1 << 20,
    bool AllowDownloads = true,
    string? PaintingMirrorDirectory = null);

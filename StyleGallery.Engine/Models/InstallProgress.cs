namespace StyleGallery.Engine.Models;

/// <summary>Progress of one model's installation; <see cref="BytesTotal"/> is null when the size is not yet known.</summary>
public sealed record InstallProgress(string ModelId, long BytesDone, long? BytesTotal, string Stage)
{
    /// <summary>Another process is installing the same file; this one waits for it.</summary>
    public const string Waiting = "waiting";

    /// <summary>Copying from the local mirror folder.</summary>
    public const string Mirror = "mirror";

    /// <summary>Downloading a safetensors file over HTTP.</summary>
    public const string Download = "download";

    /// <summary>Fetching and converting an ml5 checkpoint.</summary>
    public const string Import = "import";

    /// <summary>Hashing the received file.</summary>
    public const string Verify = "verify";

    /// <summary>The file is in place.</summary>
    public const string Installed = "installed";
}

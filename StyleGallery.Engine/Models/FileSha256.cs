using System.Security.Cryptography;

namespace StyleGallery.Engine.Models;

/// <summary>SHA-256 of files, as lower-case hex (the form <c>sha256sum</c> and the catalogue use).</summary>
public static class FileSha256
{
    public static string Of(string path)
    {
        using var stream = File.OpenRead(path);
        return ToHex(SHA256.HashData(stream));
    }

    public static string ToHex(byte[] hash) => Convert.ToHexStringLower(hash);
}

using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace StyleGallery.Web.Services.Owners;

/// <summary>
/// What a script without the owner cookie holds instead of an owner: 128 random bits (base64url), returned once by
/// <c>POST /api/jobs</c> and sent back as <see cref="HeaderName"/> to cancel or delete its job. Only its SHA-256 is
/// stored (<see cref="Data.PictureRecord.SecretHash"/>), so a copy of the database cancels nothing.
/// </summary>
public static class JobSecret
{
    public const string HeaderName = "X-StyleGallery-Secret";

    /// <summary>A new secret and the hash to store.</summary>
    public static (string Secret, string Hash) New()
    {
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        return (secret, Hash(secret));
    }

    public static string Hash(string secret) => Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Whether <paramref name="secret"/> is the one whose hash is <paramref name="hash"/>; compared in constant time.</summary>
    public static bool Matches(string? hash, string? secret)
    {
        if (hash is null || string.IsNullOrEmpty(secret) || secret.Length > 64) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(hash));
    }
}

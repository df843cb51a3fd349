using System.Buffers.Text;
using System.Security.Cryptography;

namespace StyleGallery.Engine.Jobs;

/// <summary>
/// Job ids are 128 random bits in unpadded base64url (22 characters): safe in URLs and file names, and unguessable,
/// so knowing one's own job id gives no way to reach another person's job.
/// </summary>
public static class JobIds
{
    public const int Length = 22;

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    /// <summary>Whether <paramref name="id"/> has the shape of a job id (nothing else may reach a file name).</summary>
    public static bool IsValid(string? id) =>
        id is { Length: Length } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}

using System.Buffers.Text;
using System.Security.Cryptography;

namespace StyleGallery.Engine.Jobs;

/// <summary>
/// Job ids are 128 random bits in unpadded base64url (22 characters): safe in URLs, and unguessable, so knowing
/// one's own job id gives no way to reach another person's job.
/// </summary>
internal static class JobId
{
    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
}

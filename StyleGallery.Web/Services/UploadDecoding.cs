using System.Globalization;
using StyleGallery.Engine.Imaging;

namespace StyleGallery.Web.Services;

/// <summary>
/// The app's limits on an untrusted upload: checked before a picture goes to the engine (which reads it there), and
/// applied when the app decodes one itself to store it re-encoded. A bad file becomes a message for the visitor.
/// </summary>
public static class UploadDecoding
{
    /// <exception cref="UserFacingException">The upload is larger than <paramref name="maxBytes"/>.</exception>
    public static void CheckSize(byte[] upload, long maxBytes)
    {
        if (upload.Length > maxBytes)
            throw new UserFacingException($"The file is larger than {(maxBytes / (1024.0 * 1024.0)).ToString("0.#", CultureInfo.InvariantCulture)} MB, the most that is accepted.");
    }

    /// <exception cref="UserFacingException">The upload is too large or no picture that can be read.</exception>
    public static RgbImage Decode(byte[] upload, long maxBytes)
    {
        try
        {
            return ImageDecoder.Decode(upload, ImageLimits.Default with { MaxBytes = maxBytes });
        }
        catch (ImageDecodeException e)
        {
            throw new UserFacingException(e.Message, e);
        }
    }
}

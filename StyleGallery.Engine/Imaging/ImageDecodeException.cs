namespace StyleGallery.Engine.Imaging;

/// <summary>A picture that cannot be used; <see cref="Exception.Message"/> is written for the person who uploaded it.</summary>
public sealed class ImageDecodeException : Exception
{
    public ImageDecodeException(ImageDecodeFailure reason, string message) : base(message) => Reason = reason;

    public ImageDecodeFailure Reason { get; }
}

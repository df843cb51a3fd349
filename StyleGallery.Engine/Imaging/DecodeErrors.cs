using System.Globalization;

namespace StyleGallery.Engine.Imaging;

/// <summary>The messages a person sees when their picture is refused, kept together so they read alike.</summary>
internal static class DecodeErrors
{
    private const string Supported = "JPEG, PNG, WebP, BMP or GIF";

    public static ImageDecodeException Empty() =>
        new(ImageDecodeFailure.Empty, "The file is empty.");

    public static ImageDecodeException TooLarge(long bytes, long maxBytes) =>
        new(ImageDecodeFailure.TooLarge, $"The file is {Megabytes(bytes)}; files up to {Megabytes(maxBytes)} are accepted.");

    public static ImageDecodeException TooLargeStream(long maxBytes) =>
        new(ImageDecodeFailure.TooLarge, $"The file is larger than {Megabytes(maxBytes)}, the most that is accepted.");

    public static ImageDecodeException TooManyPixels(ImageHeader header, ImageLimits limits) =>
        new(ImageDecodeFailure.TooManyPixels,
            $"The picture is {header.Width} × {header.Height} pixels; at most {Megapixels(limits.MaxPixels)} " +
            $"and {limits.MaxSide} pixels per side are accepted. Please make it smaller first.");

    public static ImageDecodeException NotAnImage() =>
        new(ImageDecodeFailure.UnsupportedFormat, $"This file is not a picture that can be read. Please use {Supported}.");

    public static ImageDecodeException UnsupportedFormat(string formatName) =>
        new(ImageDecodeFailure.UnsupportedFormat, $"{formatName} pictures are not supported. Please use {Supported}.");

    public static ImageDecodeException Corrupt(ImageFormat? format) =>
        new(ImageDecodeFailure.Corrupt,
            $"The {(format is { } f ? f.ToString().ToUpperInvariant() + " " : "")}picture is incomplete or damaged " +
            "(perhaps the upload was cut short). Please try the original file again.");

    private static string Megabytes(long bytes) =>
        (bytes / (1024.0 * 1024.0)).ToString("0.#", CultureInfo.InvariantCulture) + " MB";

    private static string Megapixels(long pixels) =>
        (pixels / 1e6).ToString("0.#", CultureInfo.InvariantCulture) + " megapixels";
}

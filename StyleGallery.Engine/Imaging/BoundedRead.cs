namespace StyleGallery.Engine.Imaging;

/// <summary>Reads a stream to its end, but never more than one byte past a limit, so an endless upload cannot fill memory.</summary>
internal static class BoundedRead
{
    public static byte[] ReadAll(Stream stream, long maxBytes)
    {
        if (stream.CanSeek && stream.Length - stream.Position > maxBytes)
            throw DecodeErrors.TooLarge(stream.Length - stream.Position, maxBytes);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        var allowed = maxBytes + 1;
        int read;
        while (allowed > 0 && (read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, allowed))) > 0)
        {
            buffer.Write(chunk, 0, read);
            allowed -= read;
        }
        if (buffer.Length > maxBytes) throw DecodeErrors.TooLargeStream(maxBytes);
        return buffer.ToArray();
    }
}

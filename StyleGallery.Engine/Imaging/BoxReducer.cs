using SkiaSharp;

namespace StyleGallery.Engine.Imaging;

/// <summary>
/// Shrinks a picture that arrives one row at a time by averaging whole blocks of it, so only one row of sums is held
/// besides the small result. Output pixel (i, j) is the mean of the source pixels whose columns lie in
/// [i·W/w, (i+1)·W/w) and rows in [j·H/h, (j+1)·H/h): blocks of k or k + 1 pixels that cover the picture exactly. Rows
/// come as unpremultiplied RGBA and are flattened onto white first, as <see cref="WhiteBackground"/> does.
/// </summary>
internal sealed class BoxReducer : IDisposable
{
    private readonly int _sourceHeight;
    private readonly int[] _columnOf;
    private readonly int[] _columnWidth;
    private readonly long[] _sums;
    private SKBitmap? _target;
    private int _sourceRow;
    private int _targetRow;

    public BoxReducer(int sourceWidth, int sourceHeight, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, sourceWidth);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, sourceHeight);
        (SourceWidth, _sourceHeight, Width, Height) = (sourceWidth, sourceHeight, width, height);
        _columnOf = new int[sourceWidth];
        _columnWidth = new int[width];
        for (var i = 0; i < width; i++)
        {
            for (var x = Start(i, sourceWidth, width); x < Start(i + 1, sourceWidth, width); x++) _columnOf[x] = i;
            _columnWidth[i] = Start(i + 1, sourceWidth, width) - Start(i, sourceWidth, width);
        }
        _sums = new long[width * 3];
        _target = SkiaBitmaps.Blank(width, height);
    }

    public int SourceWidth { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Adds the next source row (<see cref="SourceWidth"/> RGBA pixels).</summary>
    public void AddRow(ReadOnlySpan<byte> rgba)
    {
        if (_target is null || _sourceRow >= _sourceHeight) throw new InvalidOperationException("Every row has been added.");
        var sums = _sums.AsSpan();
        var columnOf = _columnOf.AsSpan();
        for (int x = 0, s = 0; x < SourceWidth; x++, s += 4)
        {
            var t = columnOf[x] * 3;
            var alpha = rgba[s + 3];
            if (alpha == 255)
            {
                sums[t] += rgba[s];
                sums[t + 1] += rgba[s + 1];
                sums[t + 2] += rgba[s + 2];
            }
            else
            {
                sums[t] += WhiteBackground.Blend(rgba[s], alpha);
                sums[t + 1] += WhiteBackground.Blend(rgba[s + 1], alpha);
                sums[t + 2] += WhiteBackground.Blend(rgba[s + 2], alpha);
            }
        }
        _sourceRow++;
        if (_sourceRow == Start(_targetRow + 1, _sourceHeight, Height)) EmitRow();
    }

    /// <summary>The reduced picture, once every row is in; the caller owns (and disposes) it.</summary>
    public SKBitmap TakeResult()
    {
        if (_target is null || _sourceRow != _sourceHeight) throw new InvalidOperationException("Not every row has been added.");
        var result = _target;
        _target = null;
        return result;
    }

    public void Dispose()
    {
        _target?.Dispose();
        _target = null;
    }

    private void EmitRow()
    {
        var rows = _sourceRow - Start(_targetRow, _sourceHeight, Height);
        var row = _target!.GetPixelSpan().Slice(_targetRow * _target.RowBytes, Width * 4);
        for (int i = 0, t = 0; i < Width; i++, t += 4)
        {
            long count = _columnWidth[i] * rows, half = count / 2;
            row[t] = (byte)((_sums[i * 3] + half) / count);
            row[t + 1] = (byte)((_sums[i * 3 + 1] + half) / count);
            row[t + 2] = (byte)((_sums[i * 3 + 2] + half) / count);
            row[t + 3] = 255;
        }
        Array.Clear(_sums);
        _targetRow++;
    }

    private static int Start(int index, int source, int target) => (int)((long)index * source / target);
}

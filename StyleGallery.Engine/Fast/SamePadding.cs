namespace StyleGallery.Engine.Fast;

/// <summary>How many zero rows (or columns) go before and after one spatial axis, and the size that results.</summary>
public readonly record struct SamePadding(long Before, long After, long OutputSize)
{
    /// <summary>
    /// TensorFlow's "SAME" rule, which the pretrained networks were trained with: out = ceil(n/s),
    /// pad_total = max((out-1)*s + k - n, 0), pad_before = floor(pad_total/2). Unlike PyTorch's symmetric
    /// padding it is asymmetric whenever pad_total is odd (a stride-2 3x3 conv on an even size pads 0 before, 1 after).
    /// </summary>
    public static SamePadding For(long size, int kernel, int stride)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(kernel, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        var output = (size + stride - 1) / stride;
        var total = Math.Max((output - 1) * stride + kernel - size, 0);
        return new SamePadding(total / 2, total - total / 2, output);
    }

    public bool IsSymmetric => Before == After;
}

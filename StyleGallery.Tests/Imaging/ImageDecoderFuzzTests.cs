using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using SkiaSharp;
using StyleGallery.Engine.Imaging;
using Xunit.Abstractions;

namespace StyleGallery.Tests.Imaging;

/// <summary>
/// Fuzzing in CI (issue 18 point 7): 10,000 mutated pictures (bit flips, truncations, chunk and segment lengths,
/// dimensions, overwritten runs and random bytes) from JPEG, PNG, WebP, BMP and GIF seeds go through the decode path an
/// upload takes (<see cref="ImageDecoder.DecodeToFit"/> and <see cref="ImageDecoder.Decode(byte[], ImageLimits?, DecodeBudget?)"/>
/// with <see cref="ImageLimits.Default"/>). Each must end as a picture whose pixels match its size or as a clean refusal
/// (<see cref="ImageDecodeException"/>, or <see cref="DecodeBusyException"/> when the decode budget is full) — never
/// another exception, a crash or a hang. Deterministic: case <c>i</c> is made by <c>new Random(Seed + i)</c>, so a
/// failure names the case that reproduces it; the cases run in parallel across the cores.
/// </summary>
public sealed class ImageDecoderFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 18_07;
    private const int Cases = 10_000;

    /// <summary>No single decode of these small seeds may take longer: a longer one is a hang.</summary>
    private static readonly TimeSpan SlowestAllowed = TimeSpan.FromSeconds(10);

    [Fact]
    public void Ten_thousand_mutated_pictures_decode_or_are_refused_cleanly()
    {
        var seeds = Seeds();
        var failures = new ConcurrentBag<string>();
        var outcomes = new ConcurrentDictionary<string, int>();
        var slowest = 0L;
        var clock = Stopwatch.StartNew();

        Parallel.For(0, Cases, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var random = new Random(Seed + i);
            var seed = seeds[i % seeds.Count];
            var (mutation, data) = Mutate(seed, random);
            var started = Stopwatch.GetTimestamp();
            var outcome = Decode(data, i, out var failure);
            var elapsed = Stopwatch.GetElapsedTime(started);
            InterlockedMax(ref slowest, elapsed.Ticks);
            outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
            if (failure is not null) failures.Add($"case {i} ({seed.Name}, {mutation}): {failure}");
            if (elapsed > SlowestAllowed) failures.Add($"case {i} ({seed.Name}, {mutation}) took {elapsed.TotalSeconds:0.0} s");
        });

        output.WriteLine($"{Cases} cases in {clock.Elapsed.TotalSeconds:0.0} s on {Environment.ProcessorCount} cores; slowest {TimeSpan.FromTicks(slowest).TotalMilliseconds:0} ms");
        foreach (var (outcome, count) in outcomes.OrderBy(o => o.Key)) output.WriteLine($"{outcome}: {count}");
        Assert.True(failures.IsEmpty, string.Join('\n', failures.OrderBy(f => f).Take(20)));
        Assert.True(outcomes.GetValueOrDefault("decoded") > 0, "some mutations still decode");
        Assert.True(outcomes.Keys.Count(k => k.StartsWith("refused", StringComparison.Ordinal)) > 1, "refusals of several kinds");
    }

    [Fact]
    public void The_mutations_are_the_same_every_run()
    {
        var seeds = Seeds();
        var first = Enumerable.Range(0, 50).Select(i => Mutate(seeds[i % seeds.Count], new Random(Seed + i)).Data).ToList();
        var again = Enumerable.Range(0, 50).Select(i => Mutate(Seeds()[i % seeds.Count], new Random(Seed + i)).Data).ToList();

        Assert.Equal(first, again);
    }

    /// <summary>"decoded", "refused: reason" or "busy"; anything else is a failure.</summary>
    private static string Decode(byte[] data, int i, out string? failure)
    {
        failure = null;
        try
        {
            var image = i % 2 == 0 ? ImageDecoder.DecodeToFit(data, i % 4 == 0 ? 1024 : 48, ImageLimits.Default) : ImageDecoder.Decode(data, ImageLimits.Default);
            if (image.Width < 1 || image.Height < 1 || image.Pixels.Length != image.Width * image.Height * 3)
                failure = $"a {image.Width}×{image.Height} picture with {image.Pixels.Length} bytes of pixels";
            return "decoded";
        }
        catch (ImageDecodeException e)
        {
            return "refused: " + e.Reason;
        }
        catch (DecodeBusyException)
        {
            return "busy";
        }
        catch (Exception e)
        {
            failure = e.GetType().Name + ": " + e.Message;
            return "failed";
        }
    }

    private sealed record SeedPicture(string Name, byte[] Data, IReadOnlyList<Field> Lengths, IReadOnlyList<Field> Dimensions);

    /// <summary>A number in the file: where, how many bytes, and whether big-endian.</summary>
    private sealed record Field(int Offset, int Size, bool BigEndian);

    private static List<SeedPicture> Seeds()
    {
        const int w = 64, h = 48;
        var png = TestPictures.Quadrants(w, h, SKEncodedImageFormat.Png);
        var jpeg = TestPictures.Quadrants(w, h, SKEncodedImageFormat.Jpeg);
        var webp = TestPictures.Quadrants(w, h, SKEncodedImageFormat.Webp);
        var bmp = HandMadeBmp.Build(w, h, (x, y) => TestPictures.Quadrant(x, y, w, h));
        var indices = Enumerable.Range(0, w * h).Select(p => (byte)(p % 4)).ToArray();
        var gif = HandMadeGif.Build(w, h, indices, indices.Reverse().ToArray());
        return
        [
            new("png", png, PngLengths(png), [new(16, 4, true), new(20, 4, true)]),
            new("jpeg", jpeg, JpegLengths(jpeg, out var jpegSize), jpegSize),
            new("webp", webp, [new(4, 4, false), new(16, 4, false)], WebpDimensions(webp)),
            new("bmp", bmp, [new(2, 4, false), new(10, 4, false), new(14, 4, false), new(34, 4, false)], [new(18, 4, false), new(22, 4, false)]),
            new("gif", gif, GifBlockSizes(gif), [new(6, 2, false), new(8, 2, false), .. GifFrameDimensions(gif)]),
        ];
    }

    /// <summary>Every chunk's length field.</summary>
    private static List<Field> PngLengths(byte[] png)
    {
        var fields = new List<Field>();
        for (var at = 8; at + 8 <= png.Length; at += 12 + (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at)))
            fields.Add(new Field(at, 4, true));
        return fields;
    }

    /// <summary>Every marker segment's length; the frame header's height and width.</summary>
    private static List<Field> JpegLengths(byte[] jpeg, out List<Field> dimensions)
    {
        var fields = new List<Field>();
        dimensions = [];
        for (var at = 2; at + 4 <= jpeg.Length && jpeg[at] == 0xFF;)
        {
            var marker = jpeg[at + 1];
            if (marker == 0xDA) // start of scan: entropy-coded data follows
            {
                fields.Add(new Field(at + 2, 2, true));
                break;
            }
            fields.Add(new Field(at + 2, 2, true));
            if (marker is >= 0xC0 and <= 0xC3) dimensions.AddRange([new Field(at + 5, 2, true), new Field(at + 7, 2, true)]);
            at += 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(at + 2));
        }
        return fields;
    }

    /// <summary>The lossy (VP8) or lossless (VP8L) frame's size, or the extended header's canvas.</summary>
    private static List<Field> WebpDimensions(byte[] webp) =>
        System.Text.Encoding.ASCII.GetString(webp, 12, 4) switch
        {
            "VP8 " => [new Field(26, 2, false), new Field(28, 2, false)],
            "VP8X" => [new Field(24, 3, false), new Field(27, 3, false)],
            _ => [new Field(21, 2, false), new Field(22, 2, false)], // VP8L packs 14-bit sizes from byte 21
        };

    /// <summary>The sub-block sizes of the first image's data (each byte says how many bytes follow).</summary>
    private static List<Field> GifBlockSizes(byte[] gif)
    {
        var descriptor = Array.IndexOf(gif, (byte)0x2C, 13 + 12);
        var fields = new List<Field>();
        for (var at = descriptor + 11; at < gif.Length && gif[at] != 0 && fields.Count < 16; at += 1 + gif[at]) fields.Add(new Field(at, 1, false));
        return fields;
    }

    private static List<Field> GifFrameDimensions(byte[] gif)
    {
        var descriptor = Array.IndexOf(gif, (byte)0x2C, 13 + 12);
        return [new Field(descriptor + 5, 2, false), new Field(descriptor + 7, 2, false)];
    }

    private static readonly long[] Interesting = [0, 1, 2, 7, 8, 15, 16, 63, 64, 127, 128, 255, 256, 4095, 4096, 16383, 16384, 16385, 32767, 65535, 65536, 0x7FFFFFFF, 0xFFFFFFFF];

    /// <summary>One to three mutations of a seed: what was done, and the bytes.</summary>
    private static (string Mutation, byte[] Data) Mutate(SeedPicture seed, Random random)
    {
        var data = seed.Data.ToArray();
        var names = new List<string>();
        var count = random.Next(10) switch { < 6 => 1, < 9 => 2, _ => 3 };
        for (var m = 0; m < count; m++)
        {
            switch (random.Next(7))
            {
                case 0:
                    var flips = random.Next(1, 9);
                    for (var f = 0; f < flips && data.Length > 0; f++) data[random.Next(data.Length)] ^= (byte)(1 << random.Next(8));
                    names.Add($"{flips} bit flips");
                    break;
                case 1:
                    data = data[..random.Next(data.Length + 1)];
                    names.Add($"truncated to {data.Length}");
                    break;
                case 2:
                    names.Add("length " + SetField(data, seed.Lengths, random));
                    break;
                case 3:
                    names.Add("dimension " + SetField(data, seed.Dimensions, random));
                    break;
                case 4:
                    if (data.Length == 0) break;
                    var at = random.Next(data.Length);
                    var run = random.NextBytes(Math.Min(random.Next(1, 33), data.Length - at));
                    run.CopyTo(data, at);
                    names.Add($"{run.Length} random bytes at {at}");
                    break;
                case 5:
                    // The format's first bytes, then noise: gets past the sniffing into each decoder.
                    var noise = random.NextBytes(random.Next(0, 4096));
                    data = [.. seed.Data.AsSpan(0, Math.Min(seed.Data.Length, random.Next(2, 40))), .. noise];
                    names.Add($"header and {noise.Length} random bytes");
                    break;
                default:
                    if (random.Next(4) == 0)
                    {
                        data = random.NextBytes(random.Next(0, 2048));
                        names.Add($"{data.Length} random bytes");
                    }
                    else
                    {
                        // A slice repeated or cut out: chunks out of place.
                        if (data.Length < 2) break;
                        var from = random.Next(data.Length - 1);
                        var length = random.Next(1, Math.Min(256, data.Length - from));
                        data = random.Next(2) == 0
                            ? [.. data.AsSpan(0, from + length), .. data.AsSpan(from)]
                            : [.. data.AsSpan(0, from), .. data.AsSpan(from + length)];
                        names.Add($"slice {from}+{length} moved");
                    }
                    break;
            }
        }
        return (string.Join(", ", names), data);
    }

    private static string SetField(byte[] data, IReadOnlyList<Field> fields, Random random)
    {
        if (fields.Count == 0) return "(none)";
        var field = fields[random.Next(fields.Count)];
        if (field.Offset + field.Size > data.Length) return "(cut off)";
        var original = Read(data, field);
        var value = random.Next(3) switch
        {
            0 => Interesting[random.Next(Interesting.Length)],
            1 => original + random.Next(-8, 9),
            _ => original * random.Next(2, 5),
        };
        Write(data, field, value);
        return $"at {field.Offset}: {original} → {value & Mask(field)}";
    }

    private static long Mask(Field field) => field.Size >= 8 ? -1 : (1L << (8 * field.Size)) - 1;

    private static long Read(byte[] data, Field field)
    {
        long value = 0;
        for (var b = 0; b < field.Size; b++)
            value |= (long)data[field.Offset + b] << (8 * (field.BigEndian ? field.Size - 1 - b : b));
        return value;
    }

    private static void Write(byte[] data, Field field, long value)
    {
        for (var b = 0; b < field.Size; b++)
            data[field.Offset + b] = (byte)(value >> (8 * (field.BigEndian ? field.Size - 1 - b : b)));
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long current;
        while (value > (current = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}

internal static class RandomBytes
{
    public static byte[] NextBytes(this Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}

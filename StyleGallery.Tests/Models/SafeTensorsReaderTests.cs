using StyleGallery.Engine.Models;
using StyleGallery.Tests.Support;
using static StyleGallery.Tests.Models.SafeTensorsBytes;

namespace StyleGallery.Tests.Models;

[Collection(TorchCollection.Name)]
public sealed class SafeTensorsReaderTests
{
    private static float[] ReadOnly(byte[] file, string name = "t")
    {
        using var t = SafeTensorsFile.Parse(file).Read(name);
        return t.data<float>().ToArray();
    }

    private static InvalidWeightsException Invalid(byte[] file) => Assert.Throws<InvalidWeightsException>(() => SafeTensorsFile.Parse(file));

    [Fact]
    public void Reads_f32_values_in_their_declared_shape()
    {
        var file = SafeTensorsFile.Parse(Build(Header("t", "F32", "[2,2]", 0, 16), Floats(1.5f, -2f, 0.25f, 1e-3f)));
        using var t = file.Read("t");
        Assert.Equal(new long[] { 2, 2 }, t.shape);
        Assert.Equal(new[] { 1.5f, -2f, 0.25f, 1e-3f }, t.data<float>().ToArray());
        Assert.Equal(4, file["t"].ElementCount);
    }

    [Fact]
    public void Decodes_bf16_as_the_upper_half_of_a_float32()
    {
        // 0x3F80 -> 0x3F800000 = 1.0; 0xC000 -> -2.0; 0x4049 -> 0x40490000 = 3.140625; 0x0000 -> 0; 0x7F80 -> +inf.
        var values = ReadOnly(Build(Header("t", "BF16", "[5]", 0, 10), UInt16s(0x3F80, 0xC000, 0x4049, 0x0000, 0x7F80)));
        Assert.Equal(new[] { 1f, -2f, 3.140625f, 0f, float.PositiveInfinity }, values);
    }

    [Fact]
    public void Decodes_ieee_half_precision()
    {
        // 0x3C00 = 1.0; 0xC000 = -2.0; 0x7BFF = 65504 (largest half); 0x0001 = 2^-24 (smallest subnormal); 0x3555 = 1365/4096.
        var values = ReadOnly(Build(Header("t", "F16", "[5]", 0, 10), UInt16s(0x3C00, 0xC000, 0x7BFF, 0x0001, 0x3555)));
        Assert.Equal(new[] { 1f, -2f, 65504f, MathF.Pow(2, -24), 1365f / 4096f }, values);
    }

    [Fact]
    public void Reads_a_scalar_and_an_empty_tensor()
    {
        var header = """{"s":{"dtype":"F32","shape":[],"data_offsets":[0,4]},"e":{"dtype":"F32","shape":[0,3],"data_offsets":[4,4]}}""";
        var file = SafeTensorsFile.Parse(Build(header, Floats(7f)));
        Assert.Equal(new[] { 7f }, ReadOnly(Build(header, Floats(7f)), "s"));
        using var empty = file.Read("e");
        Assert.Equal(new long[] { 0, 3 }, empty.shape);
    }

    [Fact]
    public void Exposes_string_metadata()
    {
        var file = SafeTensorsFile.Parse(Build(Header("t", "F32", "[1]", 0, 4, ""","__metadata__":{"source":"hand made"}"""), Floats(1f)));
        Assert.Equal("hand made", file.Metadata["source"]);
        Assert.Single(file.Entries);
    }

    [Fact]
    public void A_missing_tensor_names_itself_in_the_error()
    {
        var file = SafeTensorsFile.Parse(Build(Header("t", "F32", "[1]", 0, 4), Floats(1f)));
        var e = Assert.Throws<KeyNotFoundException>(() => file.Read("conv9.weight"));
        Assert.Contains("conv9.weight", e.Message);
        Assert.False(file.Contains("conv9.weight"));
    }

    [Fact]
    public void Refuses_a_file_shorter_than_the_length_prefix() =>
        Assert.Contains("too short", Invalid([1, 0, 0]).Message);

    [Fact]
    public void Refuses_a_truncated_file_on_disk()
    {
        var whole = Build(Header("t", "F32", "[4]", 0, 16), Floats(1, 2, 3, 4));
        var path = Path.Combine(Path.GetTempPath(), $"truncated-{Guid.NewGuid():N}.safetensors");
        File.WriteAllBytes(path, whole[..^5]);
        try
        {
            var e = Assert.Throws<InvalidWeightsException>(() => SafeTensorsFile.Open(path));
            Assert.Contains("outside", e.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Refuses_a_header_length_bigger_than_the_file() =>
        Assert.Contains("does not fit", Invalid(Build(Header("t", "F32", "[1]", 0, 4), Floats(1f), declaredHeaderLength: 10_000)).Message);

    [Fact]
    public void Refuses_a_header_length_of_zero() =>
        Assert.Contains("header length 0", Invalid(Build("", Floats(1f), declaredHeaderLength: 0)).Message);

    [Fact]
    public void Refuses_an_absurd_header_length() =>
        Assert.Contains("does not fit", Invalid(Build("{}", [], declaredHeaderLength: ulong.MaxValue)).Message);

    [Fact]
    public void Refuses_a_header_that_is_not_json() =>
        Assert.Contains("not valid JSON", Invalid(Build("""{"t":{"dtype":"F32",""", Floats(1f))).Message);

    [Fact]
    public void Refuses_a_json_array_header() =>
        Assert.Contains("not a JSON object", Invalid(Build("""[{"dtype":"F32"}]""", Floats(1f))).Message);

    [Fact]
    public void Refuses_an_unknown_dtype()
    {
        var e = Invalid(Build(Header("t", "I64", "[1]", 0, 8), new byte[8]));
        Assert.Contains("unsupported dtype I64", e.Message);
        Assert.Contains("'t'", e.Message);
    }

    [Theory]
    [InlineData("[-1]")]
    [InlineData("[2.5]")]
    [InlineData("[\"2\"]")]
    [InlineData("4")]
    public void Refuses_a_shape_that_is_not_non_negative_integers(string shape) =>
        Assert.Contains("shape", Invalid(Build(Header("t", "F32", shape, 0, 8), new byte[8])).Message);

    [Theory]
    [InlineData(0, 12)]   // past the 8 data bytes
    [InlineData(8, 4)]    // end before begin
    [InlineData(-4, 4)]   // negative
    public void Refuses_offsets_out_of_range(long begin, long end) =>
        Invalid(Build(Header("t", "F32", "[2]", begin, end), new byte[8]));

    [Fact]
    public void Refuses_offsets_that_disagree_with_shape_and_dtype()
    {
        var e = Invalid(Build(Header("t", "F32", "[3]", 0, 8), new byte[8]));
        Assert.Contains("needs 12 bytes", e.Message);
    }

    [Fact]
    public void Refuses_a_shape_whose_size_overflows() =>
        Assert.Contains("too many", Invalid(Build(Header("t", "F32", "[4294967296,4294967296]", 0, 8), new byte[8])).Message);

    [Fact]
    public void Refuses_overlapping_tensors()
    {
        var header = Header("a", "F32", "[2]", 0, 8, ""","b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}""");
        var e = Invalid(Build(header, new byte[12]));
        Assert.Contains("overlap", e.Message);
    }

    [Fact]
    public void Refuses_a_gap_between_tensors() =>
        Assert.Contains("unused bytes", Invalid(Build(Header("a", "F32", "[1]", 0, 4, ""","b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}"""), new byte[12])).Message);

    [Fact]
    public void Refuses_trailing_bytes_after_the_last_tensor() =>
        Assert.Contains("cover 4 of the 8", Invalid(Build(Header("t", "F32", "[1]", 0, 4), new byte[8])).Message);

    [Fact]
    public void Refuses_a_tensor_named_twice() =>
        Assert.Contains("twice", Invalid(Build(Header("t", "F32", "[1]", 0, 4, ""","t":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}"""), new byte[8])).Message);

    [Fact]
    public void Refuses_metadata_that_is_not_strings() =>
        Assert.Contains("__metadata__", Invalid(Build(Header("t", "F32", "[1]", 0, 4, ""","__metadata__":{"n":3}"""), new byte[4])).Message);

    [Fact]
    public void Refuses_a_tensor_entry_without_offsets() =>
        Assert.Contains("data_offsets", Invalid(Build("""{"t":{"dtype":"F32","shape":[1]}}""", new byte[4])).Message);
}

using StyleGallery.Engine.Models;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Models;

public sealed class ModelCatalogTests
{
    private static readonly ModelCatalog Embedded = ModelCatalog.LoadEmbedded();

    private static readonly string[] FastStyles = ["udnie", "wave", "scream", "la_muse", "rain_princess", "wreck", "mathura", "matta"];

    /// <summary>The public-domain paintings no fast style imitates: gallery styles for optimisation.</summary>
    private static readonly string[] PaintingOnly =
    [
        "painting.starry_night", "painting.vangogh_wheat_field_sunset", "painting.vangogh_sunflowers", "painting.vangogh_self_portrait",
        "painting.monet_san_giorgio_dusk", "painting.renoir_la_grenouillere", "painting.vallotton_verdun", "painting.mona_lisa",
    ];

    [Fact]
    public void The_embedded_catalogue_lists_the_shared_models_the_torchvision_vggs_and_the_paintings()
    {
        var pictured = new[] { "udnie", "wave", "the_scream", "la_muse", "rain_princess", "the_shipwreck_of_the_minotaur" }.Select(p => "painting." + p);
        string[] expected = ["vgg19-imagenet", "vgg16-imagenet-to-conv3_3", "vgg16-torchvision", "vgg19-torchvision", .. FastStyles, .. PaintingOnly, .. pictured];
        Assert.Equal(expected.Order(), Embedded.Models.Select(m => m.Id).Order());
        Assert.All(FastStyles, id => Assert.Equal(ModelKind.FastStyle, Embedded.Get(id).Kind));
        Assert.Equal(4, Embedded.Models.Count(m => m.Kind == ModelKind.LossNetwork));
        Assert.Equal(14, Embedded.Models.Count(m => m.Kind == ModelKind.Painting));
    }

    [Fact]
    public void Every_mirrored_entry_matches_the_size_and_sha256_of_the_shared_file()
    {
        foreach (var entry in Embedded.Models.Where(m => !m.Id.EndsWith("-torchvision", StringComparison.Ordinal)))
        {
            var path = entry.Kind == ModelKind.Painting
                ? SharedData.Style(entry.FileName)
                : Path.Combine(SharedData.Models, entry.MirrorPath);
            Assert.True(File.Exists(path), path);
            Assert.Equal(new FileInfo(path).Length, entry.SizeBytes);
            Assert.Equal(FileSha256.Of(path), entry.Sha256);
        }
    }

    [Fact]
    public void Caffe_vggs_take_0_to_255_minus_the_imagenet_mean()
    {
        foreach (var id in new[] { "vgg19-imagenet", "vgg16-imagenet-to-conv3_3" })
        {
            var c = Embedded.Get(id).Conventions!;
            Assert.Equal(WeightNaming.Caffe, c.Naming);
            Assert.Equal(255, c.InputScale);
            Assert.Equal(new[] { 123.68, 116.779, 103.939 }, c.Mean);
            Assert.Equal(new[] { 1.0, 1.0, 1.0 }, c.Std);
        }
        Assert.Equal("conv3_3", Embedded.Get("vgg16-imagenet-to-conv3_3").DeepestLayer);
        Assert.Null(Embedded.Get("vgg19-imagenet").DeepestLayer);
        Assert.Equal("vgg/vgg19-imagenet.safetensors", Embedded.Get("vgg19-imagenet").MirrorPath);
    }

    [Theory]
    [InlineData("vgg16-torchvision", "vgg16", "57b026918159a6bf9faf8405c3a551903768e7138989d9c6224a14227203fad8")]
    [InlineData("vgg19-torchvision", "vgg19", "11aea017b543ff59233749d8f1cf544cda749378f5790d2fedab841fb86b7669")]
    public void Torchvision_vggs_come_from_timm_on_the_hugging_face_hub(string id, string architecture, string sha256)
    {
        var entry = Embedded.Get(id);
        Assert.Equal(architecture, entry.Architecture);
        Assert.Equal(sha256, entry.Sha256);
        Assert.Equal(WeightNaming.Torchvision, entry.Conventions!.Naming);
        Assert.Equal(1, entry.Conventions.InputScale);
        Assert.Equal(new[] { 0.485, 0.456, 0.406 }, entry.Conventions.Mean);
        Assert.Equal(new[] { 0.229, 0.224, 0.225 }, entry.Conventions.Std);
        Assert.NotEmpty(entry.Sources);
        Assert.All(entry.Sources, s =>
        {
            Assert.Equal(SourceFormat.Safetensors, s.Format);
            Assert.StartsWith($"https://huggingface.co/timm/{architecture}.tv_in1k/resolve/", s.Url);
            Assert.EndsWith("/model.safetensors", s.Url);
        });
    }

    [Theory]
    [InlineData("udnie", "Francis Picabia", "1913")]
    [InlineData("wave", "Katsushika Hokusai", "c. 1831")]
    [InlineData("scream", "Edvard Munch", "1893")]
    [InlineData("la_muse", "Pablo Picasso", "1935")]
    [InlineData("rain_princess", "Leonid Afremov", null)]
    [InlineData("wreck", "J. M. W. Turner", "c. 1810")]
    public void Fast_styles_name_their_painting(string id, string artist, string? year)
    {
        var entry = Embedded.Get(id);
        Assert.Equal(artist, entry.Painting!.Artist);
        Assert.Equal(year, entry.Painting.Year);
        Assert.Equal("transformer-net", entry.Architecture);
        Assert.Equal(255, entry.Conventions!.InputScale);
        var painting = Embedded.Get(entry.Painting.Image!);
        Assert.Equal(ModelKind.Painting, painting.Kind);
        Assert.Equal((artist, year), (painting.Painting!.Artist, painting.Painting.Year));
    }

    [Fact]
    public void Paintings_are_pictures_from_a_pinned_commit_and_those_without_a_fast_style_are_public_domain()
    {
        foreach (var painting in Embedded.Models.Where(m => m.Kind == ModelKind.Painting))
        {
            Assert.Null(painting.Conventions);
            Assert.Matches(@"\.(jpg|png)$", painting.FileName);
            Assert.Equal("paintings/" + painting.FileName, painting.MirrorPath);
            var source = Assert.Single(painting.Sources);
            Assert.Equal(SourceFormat.File, source.Format);
            Assert.Matches("^https://raw\\.githubusercontent\\.com/[^/]+/[^/]+/[0-9a-f]{40}/", source.Url);
        }
        Assert.All(PaintingOnly, id => Assert.Equal("Public domain", Embedded.Get(id).Licence));
        Assert.Contains("In copyright", Embedded.Get("painting.la_muse").Licence);
    }

    [Fact]
    public void Styles_of_unknown_provenance_say_so()
    {
        foreach (var id in new[] { "mathura", "matta" })
        {
            var entry = Embedded.Get(id);
            Assert.Null(entry.Painting);
            Assert.Contains("nknown", entry.Licence);
        }
    }

    [Fact]
    public void Fast_styles_are_sourced_from_ml5_at_the_pinned_commit()
    {
        foreach (var id in FastStyles)
        {
            var source = Assert.Single(Embedded.Get(id).Sources);
            Assert.Equal(SourceFormat.Ml5Checkpoint, source.Format);
            Assert.Equal($"https://raw.githubusercontent.com/ml5js/ml5-data-and-models/0612a3e7c51cbffdc5db701dff49d16d1ac26fa8/models/style-transfer/{id}/", source.Url);
            Assert.NotNull(source.Sha256);
        }
    }

    [Fact]
    public void Get_with_an_unknown_id_lists_the_known_ones()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => Embedded.Get("vgg21"));
        Assert.Contains("'vgg21'", e.Message);
        Assert.Contains("udnie", e.Message);
        Assert.Contains("vgg19-imagenet", e.Message);
    }

    [Fact]
    public void Loads_a_minimal_catalogue_from_json()
    {
        var catalog = ModelCatalog.Load(TestCatalogJson.Single(sha256: new string('a', 64), sizeBytes: 10));
        var entry = catalog.Get("test-model");
        Assert.Equal(10, entry.SizeBytes);
        Assert.Equal("dir/test-model.safetensors", entry.MirrorPath);
        Assert.Empty(entry.Sources);
    }

    [Theory]
    [InlineData("{", "not valid")]
    [InlineData("""{"schemaVersion":2,"models":[]}""", "schema version 2")]
    [InlineData("""{"schemaVersion":1}""", "models")]
    [InlineData("""{"schemaVersion":1,"models":[],"extra":1}""", "extra")]
    public void Refuses_malformed_documents(string json, string expected) =>
        Assert.Contains(expected, Assert.Throws<InvalidCatalogException>(() => ModelCatalog.Load(json)).Message);

    [Theory]
    [InlineData("\"sha256\": \"abc\"", "sha256 must be 64")]
    [InlineData("\"sha256\": null", "sha256 is required")]
    [InlineData("\"mirrorPath\": \"../escape/test-model.safetensors\"", "mirrorPath")]
    [InlineData("\"mirrorPath\": \"dir/other.safetensors\"", "end in fileName")]
    [InlineData("\"kind\": \"painter\"", "not valid")]
    [InlineData("\"title\": \"\"", "title is required")]
    [InlineData("\"id\": \"Bad Id\"", "id must be")]
    [InlineData("\"sources\": [{\"url\": \"ftp://x/y\", \"format\": \"safetensors\"}]", "http(s)")]
    [InlineData("\"sources\": [{\"url\": \"https://x/y/\", \"format\": \"ml5-checkpoint\"}]", "converted file")]
    [InlineData("\"sources\": [{\"url\": \"https://x/y\", \"format\": \"file\"}]", "format 'file'")]
    [InlineData("\"architecture\": null", "architecture is required")]
    [InlineData("\"conventions\": {\"naming\": \"caffe\", \"inputScale\": 255, \"mean\": [1, 2], \"std\": [1, 1, 1]}", "mean")]
    public void Refuses_an_entry_with_a_bad_field(string replacement, string expected)
    {
        var json = TestCatalogJson.WithField(TestCatalogJson.Single(sha256: new string('a', 64), sizeBytes: 10), replacement);
        Assert.Contains(expected, Assert.Throws<InvalidCatalogException>(() => ModelCatalog.Load(json)).Message);
    }

    [Theory]
    [InlineData("\"conventions\": {\"naming\": \"caffe\", \"inputScale\": 255, \"mean\": [1, 2, 3], \"std\": [1, 1, 1]}", "no architecture or conventions")]
    [InlineData("\"fileName\": \"starry.exe\", \"mirrorPath\": \"paintings/starry.exe\"", "must end in .jpg")]
    [InlineData("\"sources\": [{\"url\": \"https://x/y.jpg\", \"format\": \"safetensors\"}]", "format 'file'")]
    [InlineData("\"painting\": null", "needs its painting record")]
    public void Refuses_a_painting_with_a_bad_field(string replacement, string expected)
    {
        var painting = TestCatalogJson.Painting("painting.test", "starry.jpg", new string('a', 64), 10, "https://x/starry.jpg");
        var json = TestCatalogJson.WithField(TestCatalogJson.Document(painting), replacement);
        Assert.Contains(expected, Assert.Throws<InvalidCatalogException>(() => ModelCatalog.Load(json)).Message);
    }

    [Fact]
    public void A_fast_styles_painting_image_must_be_a_painting_of_the_catalogue()
    {
        var style = TestCatalogJson.Entry("style", new string('a', 64), 10, []);
        style["painting"] = new System.Text.Json.Nodes.JsonObject { ["title"] = "T", ["artist"] = "A", ["year"] = null, ["image"] = "other" };
        var other = TestCatalogJson.Entry("other", new string('b', 64), 10, []);
        var e = Assert.Throws<InvalidCatalogException>(() => ModelCatalog.Load(TestCatalogJson.Document(style, other)));
        Assert.Contains("'other' is not a painting", e.Message);

        var painting = TestCatalogJson.Painting("other", "other.jpg", new string('b', 64), 10);
        Assert.Equal("other", ModelCatalog.Load(TestCatalogJson.Document(style, painting)).Get("style").Painting!.Image);
    }

    [Fact]
    public void Refuses_duplicate_ids()
    {
        var one = TestCatalogJson.Entry("twin", new string('a', 64), 1, []);
        var json = TestCatalogJson.Document(one, one);
        Assert.Contains("twice", Assert.Throws<InvalidCatalogException>(() => ModelCatalog.Load(json)).Message);
    }
}

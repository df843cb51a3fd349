using StyleGallery.Engine.Gatys;
using StyleGallery.Engine.Networks;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Gatys;

[Collection(TorchCollection.Name)]
public sealed class GatysOptionsTests
{
    private static readonly IReadOnlyList<StyleInput> OneStyle = [new(GatysTestData.Stripes)];

    [Fact]
    public void The_defaults_are_valid_and_follow_the_paper()
    {
        var options = new GatysOptions();

        Assert.Empty(options.Problems(OneStyle));
        Assert.Equal(VggArchitecture.Vgg19, options.Network);
        Assert.Equal(["relu4_2"], options.ContentLayers);
        Assert.Equal([0.2, 0.2, 0.2, 0.2, 0.2], options.EffectiveStyleLayerWeights);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_a_clear_message()
    {
        var options = new GatysOptions
        {
            MaxSide = 10, Iterations = 0, LearningRate = -1, StyleWeight = double.NaN,
            StyleLayers = ["relu1_1", "relu9_9"], StyleLayerWeights = [1.0], Init = GatysInit.Image,
        };

        var problems = options.Problems([]);

        Assert.Contains("MaxSide must be between 32 and 4096 pixels (got 10).", problems);
        Assert.Contains("Iterations must be between 1 and 100000 (got 0).", problems);
        Assert.Contains("LearningRate must be a positive number (got -1).", problems);
        Assert.Contains(problems, p => p.StartsWith("StyleWeight must be a finite number", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Vgg19 has no layer 'relu9_9'", StringComparison.Ordinal));
        Assert.Contains("StyleLayerWeights has 1 entries for 2 style layers.", problems);
        Assert.Contains("Init is Image but no InitImage was given.", problems);
        Assert.Contains("Transfer needs at least one style image.", problems);
        Assert.DoesNotContain("Transfer needs at least one style image.", options.Problems()); // the paintings are checked with them
    }

    [Fact]
    public void Too_many_scale_levels_for_the_size_are_refused()
    {
        var problems = new GatysOptions { MaxSide = 64, ScaleLevels = 3 }.Problems(OneStyle);

        Assert.Equal(["With 3 scale levels the smallest level would be 16 px; it must be at least 32: use fewer levels or a larger MaxSide."], problems);
    }

    [Fact]
    public void Explore_modes_refuse_what_makes_no_sense_and_allow_a_missing_style()
    {
        var reconstruct = new GatysOptions { Mode = GatysMode.ReconstructContent, Init = GatysInit.Content };
        var texture = new GatysOptions { Mode = GatysMode.SynthesizeTexture, Init = GatysInit.Noise, PreserveColors = true };

        Assert.Equal(["ReconstructContent must not start from the content image (that would show nothing); start from Noise or an Image."],
            reconstruct.Problems([]));
        Assert.Equal(["PreserveColors keeps the content's colours, but SynthesizeTexture has no content; turn one of them off."],
            texture.Problems(OneStyle));
    }

    [Fact]
    public void Negative_blend_weights_are_refused_by_the_stylizer_before_any_work()
    {
        var styles = new[] { new StyleInput(GatysTestData.Stripes, -1) };

        var error = Assert.Throws<InvalidGatysOptionsException>(() =>
            GatysTestData.Stylizer().Stylize(GatysTestData.Content, styles, GatysTestData.Small()));

        Assert.Equal(["Style blend weights must be finite and ≥ 0."], error.Problems);
        Assert.StartsWith("Invalid Gatys options: ", error.Message);
    }

    [Fact]
    public void Presets_are_found_by_name_and_carry_the_literature_layers()
    {
        var johnson = GatysPresets.Get("Johnson").ApplyTo(new GatysOptions { Iterations = 42 });

        Assert.Equal(["gatys", "johnson", "johnson-relu2_2"], GatysPresets.Names);
        Assert.Equal(VggArchitecture.Vgg16, johnson.Network);
        Assert.Equal(["relu3_3"], johnson.ContentLayers);
        Assert.Equal(["relu1_2", "relu2_2", "relu3_3", "relu4_3"], johnson.StyleLayers);
        Assert.Equal(42, johnson.Iterations);
        Assert.Equal(["relu2_2"], GatysPresets.Get("johnson-relu2_2").ContentLayers);
        Assert.Contains("gatys, johnson", Assert.Throws<ArgumentException>(() => GatysPresets.Get("picasso")).Message);
    }

    [Fact]
    public void A_preset_needing_layers_the_partial_vgg16_file_lacks_is_refused_with_the_reason()
    {
        var stylizer = GatysTestData.Stylizer();
        var johnson = GatysPresets.Johnson.ApplyTo(GatysTestData.Small());
        const string reason = "Vgg16 weights 'vgg16-imagenet-to-conv3_3.safetensors' have no conv4_3 (they stop at conv3_3); "
            + "choose layers up to relu3_3 or install full weights.";

        Assert.Null(stylizer.WhyUnavailable(GatysPresets.Gatys.ApplyTo(GatysTestData.Small())));
        Assert.Equal(reason, stylizer.WhyUnavailable(johnson));
        Assert.Equal(reason, Assert.Throws<MissingVggLayerException>(() => stylizer.Stylize(GatysTestData.Content, OneStyle, johnson)).Message);
    }

    [Fact]
    public void Vgg16_layers_the_partial_file_holds_do_run()
    {
        var options = GatysTestData.Small(2) with
        {
            Network = VggArchitecture.Vgg16,
            ContentLayers = ["relu2_2"],
            StyleLayers = ["relu1_2", "relu2_2", "relu3_3"],
        };

        var result = GatysTestData.Stylizer().Stylize(GatysTestData.Content, OneStyle, options);

        Assert.Equal(64, result.Width);
    }
}

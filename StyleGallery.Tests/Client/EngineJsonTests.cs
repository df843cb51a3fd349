using StyleGallery.Engine.Client;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Gatys;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Training;
using StyleGallery.Engine.Training.Distillation;
using StyleGallery.Engine.Video;
using static StyleGallery.Tests.Support.TestImages;

namespace StyleGallery.Tests.Client;

/// <summary>Requests as the job store keeps them: everything needed to run the job again, nothing derived.</summary>
public sealed class EngineJsonTests
{
    [Fact]
    public void An_optimisation_round_trips_with_its_pictures_and_every_option()
    {
        var init = Gradient(12, 8);
        var request = new OptimiseRequest([1, 2, 3], [new StyleImage([4, 5], 0.25), new StyleImage([6], 0.75)],
            new GatysOptions
            {
                MaxSide = 77, Iterations = 9, Seed = -5, Init = GatysInit.Image, InitImage = init, StyleLayers = ["relu1_1"],
                PreviewMinInterval = TimeSpan.FromMilliseconds(1250), Optimizer = GatysOptimizer.Adam
            }, MaxUploadBytes: 1234)
        { JobId = "AAAAAAAAAAAAAAAAAAAAAA" };

        var back = Assert.IsType<OptimiseRequest>(EngineJson.Deserialize(EngineJson.Serialize(request)));

        Assert.Equal(("AAAAAAAAAAAAAAAAAAAAAA", 1234L), (back.JobId, back.MaxUploadBytes));
        Assert.Equal(request.Photo, back.Photo);
        Assert.Equal([(new byte[] { 4, 5 }, 0.25), (new byte[] { 6 }, 0.75)], back.Styles.Select(s => (s.Image, s.Weight)));
        Assert.Equal((77, 9, -5L, GatysInit.Image, GatysOptimizer.Adam, TimeSpan.FromMilliseconds(1250)),
            (back.Options.MaxSide, back.Options.Iterations, back.Options.Seed, back.Options.Init, back.Options.Optimizer, back.Options.PreviewMinInterval));
        Assert.Equal(["relu1_1"], back.Options.StyleLayers);
        Assert.Equal(init.Pixels, back.Options.InitImage!.Pixels);
    }

    [Fact]
    public void A_training_without_an_output_path_yet_and_a_video_round_trip()
    {
        var train = new TrainRequest("my-style", "My style", new TrainingRequest("/p/painting.jpg", "/p/photos", "", new TrainingOptions { Steps = 7 }));
        var video = new VideoRequest("/in.mp4", "/out.webm", "wave", new VideoOptions { Look = new() { MaxSide = 320 }, KeepAudio = false });

        var trainBack = Assert.IsType<TrainRequest>(EngineJson.Deserialize(EngineJson.Serialize(train)));
        var videoBack = Assert.IsType<VideoRequest>(EngineJson.Deserialize(EngineJson.Serialize(video)));

        Assert.Equal(("my-style", "My style", "/p/painting.jpg", "", 7), (trainBack.StyleId, trainBack.Title, trainBack.Training.StyleImagePath, trainBack.Training.OutputPath, trainBack.Training.Options.Steps));
        Assert.Equal(video, videoBack);
    }

    [Fact]
    public void A_distillation_round_trips_with_its_options()
    {
        var distill = new DistillRequest("udnie", "udnie-lite", "/p/photos", new DistillationOptions { Steps = 5, CropSize = 64, TeacherPrecision = Engine.Runtime.ComputePrecision.Float32 }) { JobId = "abc" };

        var back = Assert.IsType<DistillRequest>(EngineJson.Deserialize(EngineJson.Serialize(distill)));

        Assert.Equal(distill, back);
        Assert.Equal(JobKind.Distill, back.Kind);
        Assert.Contains("\"request\":\"distill\"", System.Text.Encoding.UTF8.GetString(EngineJson.Serialize(distill)));
    }

    [Fact]
    public void A_print_round_trips_with_its_photo_look_size_and_file()
    {
        var print = new PrintRequest([1, 2, 3], "udnie", new FastStyleOptions { Tile = 512, Strength = 0.5, PreserveColors = true }, 4096, "/data/prints/x.jpg", 1234) { JobId = "abc" };

        var json = EngineJson.Serialize(print);
        var back = Assert.IsType<PrintRequest>(EngineJson.Deserialize(json));

        Assert.Equal(print.Photo, back.Photo);
        Assert.Equal((print.StyleId, print.Options, print.LongSide, print.Output, print.MaxUploadBytes, print.JobId),
            (back.StyleId, back.Options, back.LongSide, back.Output, back.MaxUploadBytes, back.JobId));
        Assert.Equal(JobKind.Print, back.Kind);
        var text = System.Text.Encoding.UTF8.GetString(json);
        Assert.Contains("\"request\":\"print\"", text);
        Assert.False(text.Contains("paintOptions", StringComparison.Ordinal), text); // derived, not stored
    }

    [Fact]
    public void Enums_are_stored_by_name_so_the_rows_stay_readable()
    {
        var json = System.Text.Encoding.UTF8.GetString(EngineJson.Serialize(
            new OptimiseRequest([], [], new GatysOptions { Optimizer = GatysOptimizer.Adam })));

        Assert.Contains("\"request\":\"optimise\"", json);
        Assert.Contains("\"optimizer\":\"Adam\"", json);
        Assert.False(json.Contains("requiredLayers", StringComparison.Ordinal), json);
    }
}

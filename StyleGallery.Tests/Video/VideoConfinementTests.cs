using System.Net;
using System.Net.Sockets;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Video;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Video;

/// <summary>
/// An uploaded "video" is read as that one file and nothing it points to (issue 18, point 3): playlists and concat
/// scripts naming another local video or a loopback server are refused, the server is never contacted, and nothing
/// of the other video comes out.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class VideoConfinementTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("video-confined-").FullName;
    private readonly FastStylizer _fast = new(SharedData.Fast);
    private readonly VideoStylizer _video;
    private readonly TcpListener _server = new(IPAddress.Loopback, 0);
    private int _contacts;

    public VideoConfinementTests()
    {
        _video = new VideoStylizer(_fast, TestVideos.Tools);
        _server.Start();
        _ = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    using var client = await _server.AcceptTcpClientAsync();
                    Interlocked.Increment(ref _contacts);
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // The listener was stopped.
            }
        });
    }

    public void Dispose()
    {
        _server.Stop();
        _fast.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private string Server => $"http://127.0.0.1:{((IPEndPoint)_server.LocalEndpoint).Port}";

    /// <summary>Another video on the server's disk, which a visitor must not have painted.</summary>
    private string Secret() => TestVideos.Pattern(Directory.CreateDirectory(Path.Combine(_folder, "elsewhere")).FullName, 32, 32, frames: 3, name: "secret.mkv");

    public static TheoryData<string> Tricks => ["hls-file-url", "hls-path", "ffconcat-path", "hls-http", "ffconcat-http"];

    private string Upload(string trick)
    {
        var text = trick switch
        {
            "hls-file-url" => $"#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:1.0,\nfile://{Secret()}\n#EXT-X-ENDLIST\n",
            "hls-path" => $"#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:1.0,\n{Secret()}\n#EXT-X-ENDLIST\n",
            "ffconcat-path" => $"ffconcat version 1.0\nfile '{Secret()}'\n",
            "hls-http" => $"#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:1.0,\n{Server}/segment.ts\n#EXT-X-ENDLIST\n",
            "ffconcat-http" => $"ffconcat version 1.0\nfile '{Server}/secret.mkv'\n",
            _ => throw new ArgumentOutOfRangeException(nameof(trick)),
        };
        var path = Path.Combine(_folder, "clip.mp4");
        File.WriteAllText(path, text);
        return path;
    }

    [Theory]
    [MemberData(nameof(Tricks))]
    public void A_file_that_points_elsewhere_is_refused_and_nothing_of_the_target_is_read(string trick)
    {
        var clip = Upload(trick);
        var output = Path.Combine(_folder, "out.mkv");

        var error = Assert.Throws<VideoException>(() => _video.Stylize(clip, output, "udnie", new VideoOptions { Look = new() { MaxSide = 32 }, Denoise = false }));

        Assert.StartsWith("'clip.mp4' is not a video", error.Message);
        Assert.DoesNotContain("secret", error.Message);
        Assert.DoesNotContain(_folder, error.Message);
        Assert.Empty(Directory.GetFiles(_folder, "out.mkv*"));
        Assert.Equal(0, Volatile.Read(ref _contacts));
    }

    [Theory]
    [MemberData(nameof(Tricks))]
    public void The_decoder_alone_reads_no_frame_through_a_file_that_points_elsewhere(string trick)
    {
        // The probe refuses these first; the decoder and the sound's reader are confined on their own too.
        var clip = Upload(trick);

        using var reader = new VideoFrameReader(TestVideos.Tools, clip, 32, 32, "10/1", denoise: false);
        Assert.Throws<VideoException>(() => reader.Next());

        var output = Path.Combine(_folder, "sound.mkv");
        using (var writer = new VideoFrameWriter(TestVideos.Tools, output, VideoContainer.Mkv, 32, 32, "10/1", audioFrom: clip))
            Assert.Throws<VideoException>(writer.Complete);
        Assert.False(File.Exists(output) && new FileInfo(output).Length > 0, "nothing is written from a file that points elsewhere");
        Assert.Equal(0, Volatile.Read(ref _contacts));
    }

    [Theory]
    [InlineData("clip.mp4")]
    [InlineData("clip.mov")]
    [InlineData("clip.webm")]
    [InlineData("clip.mkv")]
    [InlineData("clip.avi")]
    [InlineData("clip.ts")]
    [InlineData("clip.gif")]
    public void The_containers_we_accept_are_still_read(string name)
    {
        var source = TestVideos.Pattern(_folder, 32, 32, frames: 3);
        var clip = TestVideos.Converted(source, Path.Combine(_folder, name));

        var info = VideoProbe.Probe(TestVideos.Tools, clip);

        Assert.Equal((32, 32), (info.Width, info.Height));
        using var reader = new VideoFrameReader(TestVideos.Tools, clip, 32, 32, info.FrameRate, denoise: false);
        Assert.NotNull(reader.Next());
    }

    [Fact]
    public void A_probed_format_outside_the_list_is_refused_even_if_ffprobe_let_it_through()
    {
        const string json = """{"streams":[{"codec_type":"video","codec_name":"h264","width":32,"height":32,"avg_frame_rate":"10/1"}],"format":{"format_name":"hls"}}""";

        var error = Assert.Throws<VideoException>(() => VideoProbe.Parse(json, "clip.mp4"));

        Assert.Equal($"'clip.mp4' is not a video we read: it is 'hls', not {VideoInput.ContainersInWords}.", error.Message);
    }
}

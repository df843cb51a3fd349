using StyleGallery.Engine.Client;

namespace StyleGallery.Tests.Client;

/// <summary>Messages for visitors name files, never the server's folders.</summary>
public sealed class MessagePathsTests
{
    [Theory]
    [InlineData("The style image '/srv/app/data/paintings/user-Ab12.jpg' does not exist.", "The style image 'user-Ab12.jpg' does not exist.")]
    [InlineData("/tmp/x/checkpoint-000200.safetensors: holds no optimiser state", "checkpoint-000200.safetensors: holds no optimiser state")]
    [InlineData("Vgg19 weights not found at '/home/me/.local/share/stylegallery/models/vgg/vgg19.safetensors'.", "Vgg19 weights not found at 'vgg19.safetensors'.")]
    [InlineData("No folder at /var/lib/stylegallery/", "No folder at …")]
    public void Absolute_paths_become_file_names(string message, string expected) =>
        Assert.Equal(expected, MessagePaths.ToFileNames(message));

    [Theory]
    [InlineData("12.5 frames/s at 640 px")]
    [InlineData("See https://example.org/docs/gatys for the presets.")]
    [InlineData("The style strength must be between 0 % and 100 %.")]
    [InlineData("relu4_2 and relu5_1 / relu3_1")]
    public void Everything_else_is_left_alone(string message) => Assert.Equal(message, MessagePaths.ToFileNames(message));
}

using StyleGallery.Engine.Client;
using StyleGallery.Engine.Imaging;

namespace StyleGallery.Cli.Commands;

/// <summary>
/// What an <see cref="EngineRequestException"/> means to a script: the engine refuses bad options and bad pictures
/// with one exception type, and only what it wraps tells an unreadable picture (exit 3) from invalid options (exit 2).
/// </summary>
public static class EngineRefusals
{
    /// <summary>Writes the refusal, one problem per error line, and returns its exit code.</summary>
    public static int Fail(CliConsole console, EngineRequestException refusal) =>
        console.Fail(ExitCodeOf(refusal), string.Join(Environment.NewLine + "error: ", refusal.Problems));

    public static int ExitCodeOf(EngineRequestException refusal) =>
        refusal.InnerException is ImageDecodeException ? ExitCodes.BadImage : ExitCodes.Usage;
}
